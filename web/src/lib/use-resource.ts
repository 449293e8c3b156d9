import { useCallback, useEffect, useRef, useState } from "preact/hooks";

/**
 * Loads something for a screen and keeps loading/error/data visible. Requests are never
 * aborted (an aborted fetch is noise in the browser's log); an answer that arrives after
 * the inputs changed is simply dropped.
 */
export type Resource<T> =
  | { state: "loading"; data?: undefined; error?: undefined }
  | { state: "error"; error: unknown; data?: undefined }
  | { state: "ready"; data: T; error?: undefined };

export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> & { reload: () => Promise<void>; set: (data: T) => void } {
  const [res, setRes] = useState<Resource<T>>({ state: "loading" });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async (showLoading: boolean) => {
    const mine = ++generation.current;
    if (showLoading) setRes({ state: "loading" });
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setRes({ state: "ready", data });
    } catch (error) {
      if (mine === generation.current) setRes({ state: "error", error });
    }
  }, []);

  useEffect(() => {
    void run(true);
  }, deps);

  const reload = useCallback(() => run(false), [run]);
  const set = useCallback((data: T) => {
    generation.current++;
    setRes({ state: "ready", data });
  }, []);
  return { ...res, reload, set };
}
