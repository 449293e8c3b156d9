import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../support/test-users";
import { eventually, haveChromium, inPage, type PageWatch } from "./support/browser-session";
import { type ApiClaim, screenshots, startUiFixture, type UiFixture } from "./support/ui-fixture";

/**
 * The "done when", in a real browser: a new fact-checker signs in and verifies a
 * seed claim end to end; an editor publishes it; a new claim is added by selecting text.
 * The tests share one app, one seeded organization and one browser, and run in order
 * (each step builds on the previous one, as a person's day at the desk does).
 */
const describeInBrowser = haveChromium() ? describe : describe.skip;
if (!haveChromium()) {
  console.warn("tests/browser: /usr/bin/chromium is missing, so the browser tests are SKIPPED. Install it with: apt-get install -y chromium");
}

const TRADING = "Vladimir Putin called China Russia's leading trading partner.";
const NEW_QUOTE = "Five years ago, together with you, we launched the Power of Siberia gas pipeline";

describeInBrowser("the review desk in Chromium", () => {
  let f: UiFixture;
  let factChecker: TestUser;
  let editor: TestUser;
  let fc: { context: BrowserContext; page: Page; watch: PageWatch };
  let claimId: string;
  const api = <T>(pathname: string, init?: Parameters<UiFixture["api"]>[1]) => f.api<T>(pathname, init);
  const signIn = (page: Page, user: TestUser) => f.signIn(page, user);
  const queueRows = (page: Page) => page.locator(".queue-list > li");

  beforeAll(async () => {
    f = await startUiFixture("browser-review-desk", [
      { role: "fact_checker", name: "Fay Checker" },
      { role: "editor", name: "Eddie Editor" },
      { role: "admin", name: "Ada Admin" },
    ]);
    factChecker = f.users.fact_checker!;
    editor = f.users.editor!;
    fc = await f.page();
  }, 240_000);

  afterAll(() => f?.close());

  // No console errors, no uncaught exceptions, no failed or refused requests but the expected ones.
  afterEach(() => expect(f.takeProblems()).toEqual([]));

  it("signs a fact-checker in and shows the review queue under a strict CSP", async () => {
    const first = await fc.page.goto(`${f.base}/app/`);
    const csp = first?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    await signIn(fc.page, factChecker);
    await eventually(async () => (await queueRows(fc.page).count()) === 15, "the 15 seed claims");
    const cookie = (await fc.context.cookies()).find((c) => c.name === "ct_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(await fc.page.getByText(`Fay Checker`).first().isVisible()).toBe(true);
    // Each row: statement, the chain in one line, status and both verdicts as labelled badges.
    const row = queueRows(fc.page).filter({ hasText: TRADING });
    expect(await row.locator(".row-chain").innerText()).toMatch(/Vladimir Putin → Kremlin press service → The Kyiv Independent$/);
    expect(await row.locator(".badge.status").innerText()).toMatch(/Status\s+New/);
    expect(await row.locator(".badge.verdict-attribution").innerText()).toMatch(/Attribution\s+not rated/);
    await fc.page.screenshot({ path: path.join(screenshots, "queue-1280x800.png") });
  });

  it("finds a seed claim by full-text search", async () => {
    await fc.page.getByLabel("Search claims").fill('"leading trading partner"');
    await fc.page.getByLabel("Search claims").press("Enter");
    await eventually(async () => (await queueRows(fc.page).count()) === 1 && (await queueRows(fc.page).first().innerText()).includes(TRADING), "one search hit");
    expect(new URL(fc.page.url()).searchParams.get("q")).toBe('"leading trading partner"');
    // The snippet's matches are <mark> elements made from text, not inserted HTML.
    expect(await queueRows(fc.page).first().locator(".row-snippet mark").count()).toBeGreaterThan(0);
  });

  it("opens the claim and shows its span highlighted in the article", async () => {
    await queueRows(fc.page).first().getByRole("link", { name: TRADING }).click();
    await fc.page.waitForURL(/\/app\/claims\/[0-9a-f-]{36}$/);
    claimId = fc.page.url().split("/").pop()!;
    await fc.page.getByRole("heading", { level: 1, name: TRADING }).waitFor();
    const { body: claim } = await api<ApiClaim>(`/v1/claims/${claimId}`);
    await fc.page.locator("#current-span").waitFor();
    const highlighted = (await fc.page.locator(".article-text .span-current").allInnerTexts()).join("");
    expect(highlighted).toBe(claim.anchor!.selectors[0].exact);
    expect(await fc.page.locator(".article-text .span-other").count()).toBeGreaterThan(3);
    const inView = await inPage<boolean>(fc.page, "inViewport", "#current-span");
    expect(inView).toBe(true);
    // The chain, as a readable path with its speech acts.
    const chain = (await fc.page.locator(".chain-path > li").allTextContents()).map((x) => x.replace(/\s+/g, " ").trim());
    expect(chain).toEqual([
      expect.stringMatching(/^Speaker ?Vladimir Putin ?characterises — cue “?called”?/),
      expect.stringMatching(/^Intermediary ?Kremlin press service ?reports/),
      expect.stringMatching(/^Publisher ?The Kyiv Independent/),
    ]);
    await fc.page.screenshot({ path: path.join(screenshots, "desk-1280x800.png") });
  });

  it("sets both verdicts with evidence from the keyboard and the forms, rendering Markdown safely", async () => {
    const page = fc.page;
    const attribution = page.locator("section.verdict-form").filter({ has: page.getByRole("heading", { name: "Attribution verdict" }) });
    const content = page.locator("section.verdict-form").filter({ has: page.getByRole("heading", { name: "Content verdict" }) });

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("1"); // first label of the attribution scale
    expect(await attribution.getByRole("radio", { name: /Accurate$/ }).first().isChecked()).toBe(true);
    await attribution.getByLabel("Rationale (Markdown)").fill('The **Kremlin readout** has it. <img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>');
    await attribution.getByRole("button", { name: "Preview" }).click();
    expect(await attribution.locator(".preview strong").innerText()).toBe("Kremlin readout");
    // Raw HTML in a rationale is shown as text, never inserted as markup.
    expect(await attribution.locator(".preview img, .preview script").count()).toBe(0);
    expect(await attribution.locator(".preview").innerText()).toContain('<img src="x" onerror=');
    await attribution.getByRole("button", { name: "Add evidence" }).click();
    await attribution.getByLabel("Link (http or https)").fill("https://example.org/kremlin-readout");
    await attribution.getByLabel("Title").fill("Kremlin readout of the call");
    await attribution.getByLabel(/Primary record/).check();
    await attribution.getByRole("button", { name: "Save attribution verdict" }).click();
    await attribution.getByText("Attribution verdict saved: Accurate.").waitFor();

    await page.keyboard.press("t"); // the number keys now rate the content verdict
    await page.keyboard.press("2");
    expect(await content.getByRole("radio", { name: /Mostly true$/ }).isChecked()).toBe(true);
    await content.getByLabel("Rationale (Markdown)").fill("Customs data show the trade.");
    await content.getByRole("button", { name: "Add evidence" }).click();
    await content.getByLabel("Link (http or https)").fill("https://example.org/customs");
    await content.getByLabel("Title").fill("Customs statistics");
    await content.getByRole("button", { name: "Save content verdict" }).click();
    await content.getByText("Content verdict saved: Mostly true.").waitFor();

    expect(await inPage<number | null>(page, "pwned")).toBeNull();
    const { body: claim } = await api<ApiClaim>(`/v1/claims/${claimId}`);
    expect(claim.verdicts.attribution?.rating.key).toBe("accurate");
    expect(claim.verdicts.attribution?.evidence).toEqual([expect.objectContaining({ url: "https://example.org/kremlin-readout", isPrimarySource: true })]);
    expect(claim.verdicts.content?.rating.key).toBe("mostly_true");
    expect(claim.verdicts.content?.evidence).toHaveLength(1);
    expect(await page.locator(".desk-header .badge.verdict-content").innerText()).toMatch(/Content\s+Mostly true/);
  });

  it("moves the claim to ready; a fact-checker is offered no publish action and the service refuses one", async () => {
    const page = fc.page;
    await page.getByRole("button", { name: "Start review" }).click();
    await page.getByRole("button", { name: "Mark ready to publish" }).click();
    await eventually(async () => (await page.locator(".desk-header .badge.status").innerText()).includes("Ready"), "status Ready");
    expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
    expect(await page.locator(".workflow").innerText()).toMatch(/Publish: editors only/);

    // Not just hidden: the service itself refuses the fact-checker (their own session and CSRF token).
    const session = await fc.context.request.get(`${f.base}/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const { body: before } = await api<ApiClaim>(`/v1/claims/${claimId}`);
    const refused = await fc.context.request.post(`${f.base}/v1/claims/${claimId}/transitions`, {
      headers: { "X-CSRF-Token": csrfToken, "If-Match": `"${before.version}"`, "Content-Type": "application/json" },
      data: { to: "published" },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("forbidden");
    expect((await api<ApiClaim>(`/v1/claims/${claimId}`)).body.status).toBe("ready");
  });

  it("posts a comment on the desk, shown at once as the author's own", async () => {
    const page = fc.page;
    const comments = page.locator("section.comments");
    await comments.getByLabel("Add a comment (Markdown)").fill("Ready for the **desk editor**: the readout is linked.");
    await comments.getByRole("button", { name: "Post comment" }).click();
    const mine = comments.locator(".comment").filter({ hasText: "Ready for the desk editor" });
    await mine.waitFor();
    expect(await mine.locator(".comment-meta strong").innerText()).toBe("You");
    expect(await mine.locator("strong").filter({ hasText: "desk editor" }).count()).toBe(1);
    expect(await comments.getByLabel("Add a comment (Markdown)").inputValue()).toBe("");
    const { body: list } = await api<{ data: Array<{ body: string; author: { name: string } }> }>(`/v1/claims/${claimId}/comments`);
    expect(list.data.map((c) => [c.author.name, c.body])).toEqual([["Fay Checker", "Ready for the **desk editor**: the readout is linked."]]);
  });

  it("publishes the claim as an editor and shows its history", async () => {
    const ed = await f.page();
    try {
      await signIn(ed.page, editor);
      await ed.page.goto(`${f.base}/app/claims/${claimId}`);
      await ed.page.getByRole("button", { name: "Publish", exact: true }).click();
      await ed.page.getByRole("button", { name: "Yes, publish" }).click();
      await eventually(async () => (await ed.page.locator(".desk-header .badge.status").innerText()).includes("Published"), "status Published");
      expect((await api<ApiClaim>(`/v1/claims/${claimId}`)).body.status).toBe("published");

      // Someone else's comment carries its author's name.
      const comment = ed.page.locator("section.comments .comment").filter({ hasText: "Ready for the desk editor" });
      expect(await comment.locator(".comment-meta strong").innerText()).toBe("Fay Checker");

      const timeline = ed.page.locator(".history .timeline-entry");
      await eventually(async () => (await timeline.allInnerTexts()).some((x) => x.includes("to Published")), "the publish event in the history");
      const lines = await timeline.allInnerTexts();
      const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
      // Other people by name (the API names every actor), the editor as "You".
      expect(lines.some((l) => /User …|API key …/.test(l))).toBe(false);
      expect(at(/Fay Checker rated attribution: Accurate/)).toBeGreaterThan(-1);
      expect(at(/Fay Checker rated content: Mostly true/)).toBeGreaterThan(-1);
      expect(at(/Fay Checker moved it from New to In review/)).toBeGreaterThan(-1);
      expect(at(/Fay Checker commented/)).toBeGreaterThan(at(/from In review to Ready/));
      expect(at(/rated attribution: Accurate/)).toBeGreaterThan(-1);
      expect(at(/rated content: Mostly true/)).toBeGreaterThan(at(/rated attribution: Accurate/));
      expect(at(/from New to In review/)).toBeGreaterThan(at(/rated content/));
      expect(at(/from In review to Ready/)).toBeGreaterThan(at(/from New to In review/));
      expect(at(/You moved it from Ready to Published/)).toBeGreaterThan(at(/from In review to Ready/));
      await ed.page.locator("section.comments").screenshot({ path: path.join(screenshots, "desk-comments-1280x800.png") });
      await ed.page.locator("section.history").screenshot({ path: path.join(screenshots, "desk-history-1280x800.png") });
    } finally {
      await ed.context.close();
    }
  });

  it("adds a new claim by selecting text in an article", async () => {
    const page = fc.page;
    await page.getByRole("link", { name: /Xi declares readiness/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /Xi declares readiness/ }).waitFor();
    const articleId = page.url().split("/").pop()!;
    const { body: article } = await api<{ text: string; publisher: { name: string } }>(`/v1/articles/${articleId}`);
    const start = article.text.indexOf(NEW_QUOTE);
    const end = start + NEW_QUOTE.length;

    // Select the passage with the mouse, from its first character to its last.
    const box = await inPage<{ a: { x: number; y: number }; b: { x: number; y: number } }>(page, "selectionPoints", ".article-text", start, end);
    await page.mouse.move(box.a.x, box.a.y);
    await page.mouse.down();
    await page.mouse.move(box.b.x, box.b.y, { steps: 8 });
    await page.mouse.up();
    await page.locator(".selected-text").filter({ hasText: NEW_QUOTE }).waitFor();
    expect(await page.locator(".selected-text").innerText()).toBe(NEW_QUOTE);

    await page.getByRole("button", { name: "Add claim from selection" }).click();
    const form = page.locator("form.new-claim");
    await form.getByLabel("Statement (the claim in a sentence of its own)").fill("Vladimir Putin said Russia and China launched the Power of Siberia gas pipeline five years ago.");
    await form.getByLabel("Speaker: search sources").fill("Putin");
    await form.getByRole("button", { name: /^Use Vladimir Putin/ }).click();
    await form.locator("input[id$='-cue']").first().fill("said");
    await form.getByRole("button", { name: "Add an intermediary" }).click();
    await form.getByLabel("Intermediary: search sources").fill("Browser Test Wire");
    await form.getByRole("button", { name: "Create a new source “Browser Test Wire”" }).click();
    await form.locator(".picked-source select").selectOption("agency");
    await page.screenshot({ path: path.join(screenshots, "article-new-claim-1280x800.png") });
    await form.getByRole("button", { name: "Create claim" }).click();
    await page.getByText("Claim created:").waitFor();

    const { body: list } = await api<{ data: ApiClaim[] }>(`/v1/claims?article=${articleId}&q=${encodeURIComponent('"Power of Siberia" launched')}`);
    const created = list.data.find((c) => c.statement.startsWith("Vladimir Putin said Russia and China launched"));
    expect(created?.anchor?.selectors[0].exact).toBe(NEW_QUOTE);
    expect(created?.anchor?.selectors[1]).toEqual({ type: "TextPositionSelector", start, end });
    expect(created?.chain.map((l) => [l.role, l.source.name])).toEqual([
      ["speaker", "Vladimir Putin"],
      ["intermediary", "Browser Test Wire"],
      ["publisher", article.publisher.name],
    ]);
    expect(created?.chain[0]?.cue).toBe("said");

    // The article now marks it, and its desk highlights it.
    await page.getByRole("link", { name: /^Vladimir Putin said Russia and China launched/ }).first().click();
    await page.locator("#current-span").waitFor();
    expect((await page.locator(".article-text .span-current").allInnerTexts()).join("")).toBe(NEW_QUOTE);
  });

  it("keeps a new claim's unsaved input as a draft and warns before the page is left", async () => {
    const page = fc.page;
    const passage = "The call took place shortly after the inauguration of U.S. President Donald Trump.";
    await page.getByRole("link", { name: "Articles" }).first().click();
    await page.getByRole("link", { name: /Xi declares readiness/ }).first().click();
    await page.getByLabel("Or paste the exact quote").fill(passage);
    await page.getByRole("button", { name: "Find it in the text" }).click();
    await page.getByRole("button", { name: "Add claim from selection" }).click();
    const form = page.locator("form.new-claim");
    await form.getByLabel("Statement (the claim in a sentence of its own)").fill("The Xi–Putin call came right after Trump's inauguration.");
    await form.getByLabel("Speaker: search sources").fill("Kremlin press");
    await form.getByRole("button", { name: /^Use Kremlin press service/ }).click();

    const asked: string[] = [];
    const onDialog = (d: { type(): string }) => void asked.push(d.type());
    page.on("dialog", onDialog);
    try {
      await page.reload();
      expect(asked).toEqual(["beforeunload"]);
      // The form is back with what was typed and picked.
      await form.getByText("Your unsaved input for this claim was kept").waitFor();
      expect(await form.getByLabel("Statement (the claim in a sentence of its own)").inputValue()).toBe("The Xi–Putin call came right after Trump's inauguration.");
      expect(await form.locator(".picked-source").first().innerText()).toContain("Kremlin press service");
      expect(await form.locator("blockquote").innerText()).toBe(passage);

      // Cancel discards it on purpose: no draft and no warning any more.
      await form.getByRole("button", { name: "Cancel" }).click();
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /Xi declares readiness/ }).waitFor();
      expect(asked).toEqual(["beforeunload"]);
      expect(await page.locator("form.new-claim").count()).toBe(0);
    } finally {
      page.off("dialog", onDialog);
    }
  });

  it("explains a 412 conflict, reloads on request and keeps the unsaved input", async () => {
    const page = fc.page;
    const { body: list } = await api<{ data: ApiClaim[] }>(`/v1/claims?q=${encodeURIComponent('"decisive enabler"')}`);
    const target = list.data[0]!;
    await page.goto(`${f.base}/app/claims/${target.id}`);
    const attribution = page.locator("section.verdict-form").filter({ has: page.getByRole("heading", { name: "Attribution verdict" }) });
    await attribution.getByRole("radio", { name: /Accurate paraphrase$/ }).check();
    await attribution.getByLabel("Rationale (Markdown)").fill("My careful, unsaved analysis of the NATO statement.");

    // Meanwhile someone else changes the claim (an admin assigns it to the editor).
    const current = await api<ApiClaim>(`/v1/claims/${target.id}`);
    const assigned = await api(`/v1/claims/${target.id}/assignee`, { method: "PUT", body: { userId: editor.id }, headers: { "If-Match": current.etag! } });
    expect(assigned.status).toBe(200);

    fc.watch.expect({ status: 412, url: new RegExp(`/v1/claims/${target.id}/verdicts/attribution$`) });
    await attribution.getByRole("button", { name: "Save attribution verdict" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "Someone else changed this claim" });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/not saved/);
    expect(await attribution.getByLabel("Rationale (Markdown)").inputValue()).toBe("My careful, unsaved analysis of the NATO statement.");

    await page.getByRole("button", { name: "Reload the claim (keeps your input)" }).click();
    await banner.waitFor({ state: "detached" });
    expect(await page.locator(".desk-header .assignee").innerText()).toBe("Assigned to Eddie Editor");
    expect(await attribution.getByLabel("Rationale (Markdown)").inputValue()).toBe("My careful, unsaved analysis of the NATO statement.");
    expect(await attribution.getByRole("radio", { name: /Accurate paraphrase$/ }).isChecked()).toBe(true);
    await attribution.getByRole("button", { name: "Save attribution verdict" }).click();
    await attribution.getByText("Attribution verdict saved: Accurate paraphrase.").waitFor();
    expect((await api<ApiClaim>(`/v1/claims/${target.id}`)).body.verdicts.attribution?.rationale).toBe("My careful, unsaved analysis of the NATO statement.");
  });

  it("filters the queue by a speaker and an article found by typing, from the keyboard", async () => {
    const page = fc.page;
    await page.goto(`${f.base}/app/`);
    await eventually(async () => (await queueRows(page).count()) === 16, "16 claims in the queue");
    const speaker = page.getByLabel("Speaker: search sources");
    // Outlets publish claims, they do not make them: the speaker search leaves them out.
    await speaker.fill("Kyiv Independent");
    await page.locator(".queue-filters").getByText("No source matches.").waitFor();
    await speaker.fill("Putin");
    await page.locator(".queue-filters").getByRole("button", { name: /^Use Vladimir Putin/ }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "queue-speaker-picker-1280x800.png") });
    await speaker.press("Enter"); // takes the first result, does not submit the search form
    await page.locator(".queue-filters .picked-source").filter({ hasText: "Speaker: Vladimir Putin" }).waitFor();
    await eventually(async () => new URL(page.url()).searchParams.get("speaker"), "speaker in the address");
    expect(new URL(page.url()).searchParams.get("q")).toBeNull();
    await eventually(async () => {
      const chains = await page.locator(".queue-list .row-chain strong").allInnerTexts();
      return chains.length > 0 && chains.length < 16 && chains.every((c) => c === "Vladimir Putin");
    }, "only Putin's claims");

    const article = page.getByLabel("Article: search titles");
    await article.fill("readiness");
    const hit = page.locator(".queue-filters").getByRole("button", { name: /^Use Xi declares readiness/ });
    await hit.waitFor();
    await article.press("ArrowDown");
    expect(await inPage<string | null>(page, "activeText")).toMatch(/^Use Xi declares readiness/);
    await page.keyboard.press("Enter");
    await page.locator(".queue-filters .picked-source").filter({ hasText: /Article: Xi declares readiness/ }).waitFor();
    await eventually(async () => new URL(page.url()).searchParams.get("article"), "article in the address");

    // From the address alone (a reload, a shared link) both are shown by name.
    await page.reload();
    await page.locator(".queue-filters .picked-source").filter({ hasText: "Speaker: Vladimir Putin" }).waitFor();
    await page.locator(".queue-filters .picked-source").filter({ hasText: /Article: Xi declares readiness/ }).waitFor();
    await page.getByRole("button", { name: "Change speaker" }).click();
    await eventually(async () => (await page.evaluate("document.activeElement && document.activeElement.id")) === "f-speaker", "focus in the speaker search");
    await eventually(async () => !new URL(page.url()).searchParams.get("speaker"), "speaker filter removed");
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await eventually(async () => (await queueRows(page).count()) === 16, "the whole queue again");
  });

  it("moves through the queue with j and k, opens a claim with Enter, and lists the shortcuts on ?", async () => {
    const page = fc.page;
    await page.goto(`${f.base}/app/`);
    await eventually(async () => (await queueRows(page).count()) === 16, "16 claims in the queue");
    const statements = await page.locator(".queue-list .row-link").allInnerTexts();
    await page.keyboard.press("j");
    expect(await inPage<string | null>(page, "activeText")).toBe(statements[1]);
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    expect(await inPage<string | null>(page, "activeText")).toBe(statements[1]);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    const listed = await help.innerText();
    for (const s of ["Next claim", "Previous claim", "Open the selected claim", "Assign the selected claim to me"]) expect(listed).toContain(s);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: statements[1] }).waitFor();
    await page.keyboard.press("?");
    expect(await help.innerText()).toContain("Set the rating in the active verdict form");
    // A j that arrives after the list has closed but before its close event (which comes a
    // task later) must still move on: close it and press j in one task, which is what a
    // fast Escape-then-j does on a busy machine.
    await page.evaluate(`document.querySelector("dialog.help-overlay").close();
      document.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));`);
    await page.getByRole("heading", { level: 1, name: statements[2] }).waitFor();
    await page.keyboard.press("a");
    await page.getByText("The claim is assigned to you.").waitFor();
  });

  it("shows a fault of the session check with a retry, instead of sending a signed-in user to sign in", async () => {
    const p = await f.page();
    try {
      await signIn(p.page, factChecker);
      let answer: "500" | "offline" = "500";
      await p.page.route(/\/v1\/session$/, (route) => {
        if (route.request().method() !== "GET") return route.continue();
        if (answer === "offline") return route.abort("internetdisconnected");
        return route.fulfill({
          status: 500,
          contentType: "application/problem+json",
          body: JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, code: "internal_error", detail: "Something failed on our side.", requestId: "req-test-1" }),
        });
      });
      // The watch fails the test on any other failed request; these two are provoked here.
      p.watch.expect({ status: 500, url: /\/v1\/session$/ });
      p.watch.expectNetworkFailure(/\/v1\/session$/);

      await p.page.reload();
      const alert = p.page.getByRole("alert");
      await alert.getByText("ClaimTrail could not check whether you are signed in.").waitFor();
      expect(await alert.innerText()).toContain("Something failed on our side.");
      expect(await alert.innerText()).toContain("req-test-1");
      expect(await p.page.getByRole("heading", { name: "Sign in to ClaimTrail" }).count()).toBe(0);

      answer = "offline";
      await alert.getByRole("button", { name: "Try again" }).click();
      await alert.getByText("The service could not be reached").waitFor();

      await p.page.unroute(/\/v1\/session$/);
      await p.page.getByRole("alert").getByRole("button", { name: "Try again" }).click();
      await p.page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
    } finally {
      await p.context.close();
    }
  });

  it("fits a 390×844 phone screen without sideways scrolling on every screen", async () => {
    const phone = await f.page({ width: 390, height: 844 });
    const overflow = () => inPage<number>(phone.page, "overflowX");
    const visit = async (where: string, ready: () => Promise<unknown>, shot: string) => {
      await phone.page.goto(`${f.base}/app/${where}`);
      await ready();
      // Named, so that a failure says which screen scrolls sideways and by how much.
      expect({ where, overflow: Math.max(0, await overflow()) }).toEqual({ where, overflow: 0 });
      await phone.page.screenshot({ path: path.join(screenshots, `${shot}-390x844.png`), fullPage: true });
    };
    try {
      await signIn(phone.page, factChecker);
      await eventually(async () => (await queueRows(phone.page).count()) > 0, "queue rows");
      expect(await overflow()).toBeLessThanOrEqual(0);
      await phone.page.screenshot({ path: path.join(screenshots, "queue-390x844.png") });
      await visit(`claims/${claimId}`, () => phone.page.locator("#current-span").waitFor(), "desk");
      const { body: claim } = await api<ApiClaim>(`/v1/claims/${claimId}`);
      await visit(`articles/${claim.anchor!.articleId}`, () => phone.page.locator(".article-text").waitFor(), "article");
      await visit("sources", () => phone.page.getByLabel("Search sources").waitFor(), "sources");
      await visit(`sources/${claim.chain[0]!.source.id}`, () => phone.page.locator(".queue-list .row-link").first().waitFor(), "source");
      await phone.page.getByRole("button", { name: "Sign out" }).click();
      await phone.page.getByRole("heading", { level: 1, name: "Sign in to ClaimTrail" }).waitFor();
      expect((await phone.context.cookies()).find((c) => c.name === "ct_session")).toBeUndefined();

      // The admin screen's wide tables (rating scales, users, keys) scroll inside their box.
      await signIn(phone.page, f.users.admin!);
      await visit("admin", () => phone.page.locator(".scale-editor table").first().waitFor(), "admin");
    } finally {
      await phone.context.close();
    }
  });
});
