/**
 * Words that are both verbs and nouns, and plural or quantity words that can be
 * subjects. The cue finder uses them to tell "voters say" from "the state" and
 * "Lima calls" from "the calls"; mention scanning keeps "states" in a phrase.
 */

/** Quantities and pronouns that can head a plural subject ("most say", "4 in 10 want"). */
export const NUMBER_WORDS = new Set(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "half", "third", "quarter", "majority", "minority", "most", "many", "some", "all", "others", "who", "both", "few",
  // fractions of a poll's respondents ("two-thirds say")
  "one-third", "two-thirds", "one-quarter", "three-quarters", "one-fourth", "three-fourths", "one-fifth", "two-fifths", "three-fifths", "four-fifths"]);

/** Plural subjects that do not end in -s. */
export const PLURAL_WORDS = new Set(["people", "data", "men", "women", "children", "police", "media", "public", "folks", "percent", "staff", "clergy", "youth"]);

/** Base forms that are as often nouns ("Lima support", "a phone call"). */
export const NOUNY_BASE = new Set(["support", "call", "report", "claim", "attack", "plan", "hope", "need", "vote", "offer", "promise",
  "pledge", "comment", "answer", "question", "charge", "praise", "blame", "fear", "doubt", "wish", "like", "love", "hate",
  "credit", "label", "brand", "name", "term", "cast", "paint", "post", "tweet", "show", "note", "state", "reply", "request",
  "demand", "counter", "signal", "hint", "estimate", "forecast", "project", "bet", "quote", "leak", "brief", "document",
  "detail", "vow", "guarantee", "thank", "welcome", "challenge", "rule", "view", "frame", "market", "pitch", "position",
  "present", "style", "review", "concern", "push", "back", "favor", "favour", "trust", "read", "bill", "fashion", "find",
  "release", "notice", "aim", "rip", "slam", "blast", "knock", "pan", "smear", "taunt", "bash", "insult", "dispute", "broadcast",
  "text", "object", "target", "address", "protest", "figure", "sound", "play", "wave", "laugh", "walk", "swipe", "snap", "vent",
  "lecture", "trash", "crow", "needle", "caution", "grant", "outline", "email", "brush", "balk", "rubbish", "regret", "dread",
  "embrace", "advocate", "champion", "salute", "rant", "object", "spell", "lay", "touch", "harp", "wave", "tease", "murmur", "side", "rally", "press", "order", "command", "query", "alert", "recap", "decree", "desire", "boo", "count", "bank", "boom", "groan", "growl", "grunt", "hiss", "howl", "moan", "snarl", "stammer", "stutter", "wail", "whine", "yelp", "grouse", "carp", "grill", "honor", "honour", "reproach", "hype", "dissent", "chafe", "bristle", "regard", "scorn", "censure"]);

/** Third-person forms that are more often plural nouns. */
export const NOUNY_THIRD = new Set(["states", "talks", "calls", "reports", "attacks", "plans", "questions", "thanks", "remarks", "comments", "votes", "claims",
  "charges", "hopes", "wishes", "fears", "doubts", "answers", "replies", "responses", "points", "notes", "tweets", "posts", "shows",
  "finds", "supports", "backs", "bets", "names", "terms", "offers", "promises", "pledges", "vows", "cites", "quotes", "leaks",
  "details", "documents", "forecasts", "estimates", "projects", "needs", "likes", "loves", "wants", "concerns", "demands",
  "requests", "warnings", "counters", "signals", "hints", "credits", "labels", "brands", "praises", "blames", "faults",
  "charges", "criticisms", "denials", "rules", "frames", "views", "casts", "paints", "reads",
  "texts", "objects", "targets", "addresses", "protests", "figures", "sounds", "plays", "waves", "walks", "lectures", "grants",
  "outlines", "vents", "emails", "regrets", "embraces", "advocates", "champions", "salutes", "rants", "touches", "teases", "swipes", "sides", "rallies", "presses", "orders", "commands", "queries", "alerts", "recaps", "decrees", "desires", "boos", "counts", "banks", "booms", "groans", "growls", "grunts", "hisses", "howls", "moans", "snarls", "wails", "whines", "yelps", "grills", "honors", "honours", "bristles", "regards"]);

