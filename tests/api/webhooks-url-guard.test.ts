import { DISABLE_AFTER_FAILURES } from "../../src/webhooks/delivery-outcome";
import { classifyStatus, retryDelayMs } from "../../src/webhooks/retry-policy";
import { isBlockedAddress, parseTarget } from "../../src/webhooks/url-guard";
import { webhookTypeFor } from "../../src/webhooks/webhook-event-types";

describe("isBlockedAddress", () => {
  it.each([
    "10.0.0.1", "127.0.0.1", "169.254.169.254", "172.31.255.255", "192.168.0.1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
    "::", "::1", "fd00::1", "fc00::1", "fe80::1%eth0", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "ff02::1",
  ])("refuses %s", (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])("allows the public address %s", (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it("refuses what is not an address at all", () => expect(isBlockedAddress("example.org")).toBe(true));
});

describe("parseTarget", () => {
  it("matches WEBHOOK_ALLOWED_HOSTS entries exactly, with the port when one is given", () => {
    expect(parseTarget("http://127.0.0.1:8080/x", ["127.0.0.1"]).allowListed).toBe(true);
    expect(parseTarget("https://hooks.internal:8443/x", ["hooks.internal:8443"]).allowListed).toBe(true);
    expect(() => parseTarget("http://127.0.0.1:8080/x", ["127.0.0.1:9090"])).toThrow(/not allowed/);
    expect(() => parseTarget("http://localhost/x", ["127.0.0.1"])).toThrow(/local machine/);
  });

  it.each(["http://localhost./x", "http://LOCALHOST../x", "http://localhost.:8080/x", "http://hooks.localhost./x"])("ignores a trailing dot: %s is the local machine", (url) => {
    expect(() => parseTarget(url, [])).toThrow(/local machine/);
  });

  it("matches the allow-list whether the URL or the entry has a trailing dot", () => {
    expect(parseTarget("http://localhost./x", ["localhost"])).toMatchObject({ host: "localhost", allowListed: true });
    expect(parseTarget("http://hooks.internal:8443/x", ["hooks.internal.:8443"]).allowListed).toBe(true);
  });
});

describe("retry policy", () => {
  it("draws full-jitter delays below base·2^(attempt-1), capped", () => {
    const policy = { baseMs: 10_000, maxDelayMs: 3_600_000, windowMs: 86_400_000 };
    expect(retryDelayMs(policy, 1, () => 0.999)).toBeLessThan(10_000);
    expect(retryDelayMs(policy, 3, () => 0.999)).toBeLessThan(40_000);
    expect(retryDelayMs(policy, 3, () => 0.999)).toBeGreaterThan(39_000);
    expect(retryDelayMs(policy, 40, () => 0.999)).toBeLessThan(3_600_000);
    expect(retryDelayMs(policy, 5, () => 0)).toBe(0);
  });

  it("retries 429 and 5xx, fails other answers at once", () => {
    expect(classifyStatus(204).kind).toBe("success");
    expect(classifyStatus(429).kind).toBe("retryable");
    expect(classifyStatus(503).kind).toBe("retryable");
    expect(classifyStatus(410).kind).toBe("permanent");
    expect(classifyStatus(301).kind).toBe("permanent");
    expect(DISABLE_AFTER_FAILURES).toBe(20);
  });
});

describe("webhookTypeFor", () => {
  it.each([
    ["claim.created", {}, "claim.created"],
    ["claim.updated", {}, "claim.updated"],
    ["claim.appearance_added", {}, "claim.updated"],
    ["claim.assigned", {}, "claim.updated"],
    ["claim.archived", {}, "claim.updated"],
    ["claim.reanchored", {}, "claim.updated"],
    ["claim.anchor_lost", {}, "claim.updated"],
    ["verdict.updated", {}, "verdict.changed"],
    ["claim.transitioned", { to: "published" }, "claim.published"],
    ["claim.transitioned", { to: "corrected" }, "claim.corrected"],
    ["claim.transitioned", { to: "retracted" }, "claim.retracted"],
    ["claim.transitioned", { to: "in_review" }, "claim.updated"],
    ["claim.corrected", {}, "claim.corrected"],
    ["article.revised", {}, "article.revised"],
    ["article.created", {}, null],
    ["user.created", {}, null],
  ])("maps %s %j to %s", (action, after, type) => expect(webhookTypeFor({ action, after })).toBe(type));
});
