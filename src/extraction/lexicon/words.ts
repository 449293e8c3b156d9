/**
 * Closed-class English words used to find the edges of source mentions without a
 * part-of-speech tagger. Keys are lower case with straight apostrophes.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Start a noun phrase; a backward scan stops after including one. */
export const DETERMINERS = set(`the a an this these those that some many most several all both each
  every any no another other such few numerous various certain his her their its our my your whose`);

export const SUBJECT_PRONOUNS = set(`he she they we i you it who`);

export const OBJECT_PRONOUNS = set(`him them us me her it himself herself themselves itself`);

export const PREPOSITIONS = set(`in on at to for from with by about after before during into onto over
  under against through without between among amid like via per toward towards across around behind
  beyond despite near since until upon within throughout than as off out up down inside outside`);

/** Words that end a backward noun-phrase scan: clause openers and connectives. */
export const CLAUSE_WORDS = set(`that which who whom whose where when while whereas because since although
  though if unless whether and but or nor so yet then than as once after before until how why what
  however meanwhile also even just only still not`);

/** Time and frequency words that may sit between a cue and its content ("said Tuesday that"). */
export const TIME_WORDS = set(`monday tuesday wednesday thursday friday saturday sunday today yesterday
  tonight tomorrow earlier later recently previously last this next week month year morning afternoon
  evening night weekend again once twice now then already ago overnight`);

/**
 * Nouns for people and bodies that speak. Used to accept lower-case heads
 * ("the gambling tycoon said") and to resolve descriptions ("the Chinese president").
 */
export const ROLE_NOUNS = set(`president presidents minister ministers premier chancellor king queen prince
  senator senators governor governors mayor mayors candidate candidates nominee frontrunner front-runner
  spokesman spokeswoman spokesperson spokespeople secretary secretaries ambassador envoy leader leaders
  chairman chairwoman chair director chief official officials aide aides adviser advisers advisor
  advisors strategist strategists pollster pollsters analyst analysts expert experts economist
  economists lawmaker lawmakers legislator congressman congresswoman representative delegate delegates
  judge judges justice lawyer lawyers attorney prosecutor prosecutors investigator investigators
  officer officers police commander general admiral sheriff agent agents diplomat diplomats
  reporter reporters journalist journalists editor editors columnist host anchor correspondent
  author writer critic critics supporter supporters opponent opponents voter voters resident residents
  people person man woman men women member members activist activists organizer protester protesters
  founder ceo executive executives manager owner tycoon billionaire businessman businesswoman
  source sources insider insiders observer observers witness witnesses scientist scientists researcher
  researchers professor scholar doctor doctors campaign administration government ministry department
  office service agency committee commission council party parliament congress senate house court
  kremlin pentagon military army navy group groups organization organisation union association
  coalition company firm bank newspaper paper network outlet magazine station website report reports
  poll polls survey surveys study studies data analysis statement statements document documents memo
  letter filing filings audit review release figures numbers results estimate estimates records
  friend friends ally allies rival rivals family wife husband son daughter mother father brother sister
  republican republicans democrat democrats conservative conservatives liberal liberals progressive
  progressives independent independents crowd audience staff staffer staffers team press fans
  counterpart successor predecessor incumbent challenger contender contenders hopeful hopefuls
  veteran veterans student students worker workers employee employees citizen citizens
  american americans`);

/** Role words that mark gender; first names are deliberately not listed (no memorised names). */
export const MALE_WORDS = set(`mr mr. he him his himself man men king prince father son brother husband
  spokesman congressman chairman businessman boy uncle nephew`);
export const FEMALE_WORDS = set(`mrs mrs. ms ms. miss she her herself woman women queen princess mother
  daughter sister wife spokeswoman congresswoman chairwoman businesswoman girl aunt niece madam`);

/** Nouns for speakers who are collectives (resolve "they" / "it"). */
export const COLLECTIVE_NOUNS = set(`campaign administration government ministry department office service
  agency committee commission council party parliament congress senate house court kremlin pentagon
  military army navy group organization organisation union association coalition company firm bank
  newspaper paper network outlet magazine station website team staff press police`);
