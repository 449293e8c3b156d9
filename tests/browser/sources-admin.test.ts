import path from "node:path";
import { recordTestSecret } from "../support/test-secrets";
import { haveChromium } from "./support/browser-session";
import { type ApiClaim, screenshots, startUiFixture, type UiFixture } from "./support/ui-fixture";

/** Sources (search, a source's claims, merging a duplicate) and the admin screen, in Chromium. */
const describeInBrowser = haveChromium() ? describe : describe.skip;

const QUOTE = "Five years ago, together with you, we launched the Power of Siberia gas pipeline";

describeInBrowser("sources and admin in Chromium", () => {
  let f: UiFixture;
  let duplicateClaimId: string;

  beforeAll(async () => {
    f = await startUiFixture("browser-sources-admin", [
      { role: "editor", name: "Eddie Editor" },
      { role: "admin", name: "Ada Admin" },
      { role: "fact_checker", name: "Fay Checker" },
    ]);
    // A claim whose chain names a duplicate of the Kremlin press service.
    const { body: articles } = await f.api<{ data: Array<{ id: string }> }>("/v1/articles");
    const articleId = articles.data[0]!.id;
    const { body: article } = await f.api<{ text: string }>(`/v1/articles/${articleId}`);
    const { body: putin } = await f.api<{ data: Array<{ id: string; name: string }> }>(`/v1/sources?q=${encodeURIComponent("Vladimir Putin")}`);
    const start = article.text.indexOf(QUOTE);
    const created = await f.api<ApiClaim>("/v1/claims", {
      method: "POST",
      body: {
        statement: "Putin said Russia and China launched the Power of Siberia pipeline five years ago.",
        kind: "statement",
        fidelity: "verbatim",
        anchor: { articleId, exact: QUOTE, start, end: start + QUOTE.length },
        chain: [
          { source: { id: putin.data.find((s) => s.name === "Vladimir Putin")!.id }, role: "speaker", speechAct: "asserts" },
          { source: { new: { name: "Kremlin Press Office", type: "press_office" } }, role: "intermediary", speechAct: "reports" },
        ],
      },
    });
    expect(created.status).toBe(201);
    duplicateClaimId = created.body.id;
  }, 240_000);

  afterAll(() => f?.close());

  afterEach(() => expect(f.takeProblems()).toEqual([]));

  it("lists a source's claims and lets an editor merge a duplicate into it", async () => {
    const ed = await f.page();
    try {
      await f.signIn(ed.page, f.users.editor!);
      await ed.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
      await ed.page.getByLabel("Search sources").fill("kremlin press office");
      await ed.page.getByLabel("Search sources").press("Enter");
      await ed.page.getByRole("link", { name: "Kremlin Press Office" }).click();
      await ed.page.getByRole("heading", { level: 1, name: "Kremlin Press Office" }).waitFor();
      await ed.page.locator(".queue-list .row-link").filter({ hasText: "Power of Siberia" }).waitFor();

      await ed.page.getByText("Merge this source into another (duplicates)").click();
      await ed.page.getByLabel("Keep: search sources").fill("Kremlin press");
      await ed.page.getByRole("button", { name: /^Use Kremlin press service/ }).click();
      await ed.page.getByRole("button", { name: "Merge into Kremlin press service…" }).click();
      await ed.page.getByRole("button", { name: "Yes, merge Kremlin Press Office into Kremlin press service" }).click();
      await ed.page.getByRole("heading", { level: 1, name: "Kremlin press service" }).waitFor();
      await ed.page.locator(".queue-list .row-link").filter({ hasText: "Power of Siberia" }).waitFor();
      expect(await ed.page.locator(".facts").innerText()).toContain("Kremlin Press Office");

      const { body: moved } = await f.api<ApiClaim>(`/v1/claims/${duplicateClaimId}`);
      expect(moved.chain.map((l) => l.source.name)).toEqual(["Vladimir Putin", "Kremlin press service"]);
    } finally {
      await ed.context.close();
    }
  });

  it("shows admins the users, the rating scales, a new API key once and webhooks with their delivery log", async () => {
    const ad = await f.page();
    try {
      await f.signIn(ad.page, f.users.admin!);
      await ad.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
      await ad.page.getByRole("heading", { level: 1, name: /^Admin/ }).waitFor();
      await ad.page.getByRole("rowheader", { name: "Fay Checker" }).waitFor();
      await ad.page.getByRole("form", { name: "Attribution scale" }).waitFor();
      await ad.page.getByRole("form", { name: "Content scale" }).waitFor();

      await ad.page.getByText("Create an API key").click();
      await ad.page.getByLabel("Name (what uses it)").fill("CMS import");
      await ad.page.getByRole("button", { name: "Create key" }).click();
      const secret = await ad.page.getByLabel(/^The API key/).inputValue();
      recordTestSecret(secret);
      expect(secret.length).toBeGreaterThan(24);
      await ad.page.getByRole("rowheader", { name: "CMS import" }).waitFor();
      await ad.page.getByRole("button", { name: "I have stored it" }).click();
      expect(await ad.page.locator("body").innerText()).not.toContain(secret);
      // The key works: it is a real viewer key of this organization.
      expect((await fetch(`${f.base}/v1/claims?limit=1`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);

      // Webhooks: a subscription, its signing secret shown once, its (empty) delivery log.
      await ad.page.getByRole("heading", { name: "Webhooks" }).waitFor();
      await ad.page.getByText("Add a subscription").click();
      await ad.page.getByLabel("URL that receives the events (https)").fill("https://example.org/claimtrail-hook");
      await ad.page.getByRole("button", { name: "Add subscription" }).click();
      const signing = await ad.page.getByLabel(/^The signing secret of/).inputValue();
      recordTestSecret(signing);
      expect(signing).toMatch(/^whsec_/);
      await ad.page.getByRole("button", { name: "I have stored it" }).click();
      const card = ad.page.locator(".card").filter({ hasText: "https://example.org/claimtrail-hook" });
      expect(await card.innerText()).toMatch(/Active · events: claim\.published, claim\.corrected, claim\.retracted/);
      await card.getByRole("button", { name: "Show delivery log" }).click();
      await card.getByText(/No deliveries yet|Delivery log/).first().waitFor();
      await ad.page.screenshot({ path: path.join(screenshots, "admin-1280x800.png"), fullPage: true });
    } finally {
      await ad.context.close();
    }
  });
});
