/**
 * Cue verbs. PolNeAR-style attribution counts verbs of saying, of reporting and
 * also of belief, perception and intention ("wants", "believes", "polls show"), so
 * all are listed, each with the speech act it implies by default.
 *
 * Entry syntax: "lemma" | "lemma/irregular,forms" ; "+" suffix doubles the final
 * consonant (plan+ → planned). Groups carry the act and a strength that feeds
 * confidence (speech verbs are surer cues than belief verbs).
 */
import type { SpeechAct } from "../types";

export type CueStrength = "speech" | "report" | "belief";

interface Group {
  act: SpeechAct;
  strength: CueStrength;
  verbs: string;
}

const GROUPS: Group[] = [
  {
    act: "asserts",
    strength: "speech",
    verbs: `say/said,says,saying tell/told add state note explain declare announce claim insist argue assert
      maintain stress emphasize emphasise observe remark comment mention reply respond answer ask
      write/wrote,written,writes,writing tweet retweet post recall acknowledge admit+ concede confirm suggest
      indicate contend reiterate repeat affirm conclude joke quip boast brag+ testify urge demand plead
      recommend advise wonder shout yell chant exclaim whisper cry retort counter agree disagree hint
      imply signal express voice highlight underline underscore clarify summarize summarise proclaim
      profess pronounce opine posit speculate muse request encourage propose explain continue
      stress reply lament complain admit+ insist tout read/read,reads,reading point speak/spoke,spoken,speaks,speaking
      talk sing/sang,sung,sings,singing scream holler remind vote weigh chime discuss list defend bemoan
      echo confess shoot/shot,shoots,shooting fire email text recount recite narrate elaborate reaffirm reassert
      restate articulate outline spell/spelled,spelt,spells,spelling lay/laid,lays,laying sound preach lecture bark snap+
      thunder gush rave rant fume scoff sneer grumble mutter murmur mumble gripe vent tease trumpet crow gloat
      marvel concur+ object protest interject caution stipulate specify aver+ attest vouch theorize theorise
      hypothesize hypothesise surmise apologize apologise touch dwell harp address reassure implore beseech beg+ exhort
      grant concede press come/came,come,comes,coming inquire enquire query allude intimate insinuate divulge
      reprise recap+ recapitulate paraphrase counsel alert publicize publicise pontificate
      order instruct command forbid/forbade,forbidden,forbids,forbidding prohibit decree
      communicate bellow boom drawl groan growl grunt hiss howl moan snarl stammer stutter wail whine yelp grouse carp
      kvetch moralize moralise interrogate grill enjoin entreat solicit dissent exult rejoice seethe bristle chafe bridle`,
  },
  {
    act: "asserts",
    strength: "belief",
    verbs: `believe think/thought,thinks,thinking feel/felt,feels,feeling know/knew,known,knows,knowing hope
      wish want fear worry doubt suspect assume guess understand/understood,understands,understanding
      realize realise consider reckon imagine see/saw,seen,sees,seeing learn/learned,learnt,learns,learning
      find/found,finds,finding show/showed,shown,shows,showing support oppose favor favour prefer+ trust endorse
      remember worry decide seek/sought,seeks,seeking aim intend plan+ like love hate dislike
      demonstrate prove suggest insist recognize recognise notice acknowledge back appear seem
      mull ponder contemplate envision envisage regret+ dread fret+ resent admire idolize idolise figure
      focus ignore side rally+ regard deem presume suppose discover determine detest despise loathe distrust
      mistrust appreciate envy crave desire yearn aspire strive endeavor endeavour opt choose/chose,chosen,chooses,choosing
      backtrack flip-flop+ approve disapprove count bank accept resolve conjecture postulate adore cherish revere relish interpret uphold/upheld,upholds,upholding`,
  },
  {
    act: "denies",
    strength: "speech",
    verbs: `deny reject dismiss refute rebut+ dispute contradict disavow repudiate refuse decline downplay
      deflect push rule shrug+ brush wave laugh play rebuff spurn renounce disown retract recant
      walk balk resist dodge sidestep+ evade disclaim forswear/forswore,forsworn,forswears,forswearing`,
  },
  {
    act: "accuses",
    strength: "speech",
    verbs: `accuse criticize criticise blame attack slam+ condemn denounce charge fault lambaste blast
      rip+ chide rebuke scold mock ridicule decry assail berate castigate excoriate bash vilify smear
      taunt allege deride belittle insult lash rail knock pan+ hit/hit,hits,hitting question warn
      challenge hammer trash rubbish debunk target savage skewer chastise lampoon snipe swipe pummel
      reprimand admonish impugn disparage denigrate malign slander heckle needle deplore scorn censure pillory
      lambast upbraid demonize demonise besmirch harangue boo jeer reproach stigmatize stigmatise`,
  },
  {
    act: "characterises",
    strength: "speech",
    verbs: `call describe characterize characterise label/labeled,labelled,labels,labeling,labelling brand dub+ name term praise hail laud commend
      thank congratulate compliment applaud welcome portray paint cast/cast,casts,casting depict refer+
      celebrate credit tout extol+ champion position present bill style fashion market pitch frame view define
      salute embrace advocate espouse promote acclaim glorify lionize lionise forgive/forgave,forgiven,forgives,forgiving honor honour hype`,
  },
  {
    act: "reports",
    strength: "report",
    verbs: `report cite quote publish reveal disclose broadcast/broadcast,broadcasts,broadcasting leak relay
      document detail inform brief+ notify`,
  },
  {
    act: "promises",
    strength: "speech",
    verbs: `promise pledge vow commit+ swear/swore,sworn,swears,swearing guarantee assure offer threaten`,
  },
  {
    act: "predicts",
    strength: "speech",
    verbs: `predict forecast/forecast,forecasts,forecasting expect anticipate project foresee/foresaw,foreseen,foresees,foreseeing
      warn caution estimate bet/bet,bets,betting wager foretell/foretold,foretells,foretelling prophesy`,
  },
];

export interface LexEntry {
  lemma: string;
  act: SpeechAct;
  strength: CueStrength;
  /** Which form the token is; base forms are often nouns too ("a call", "the report"). */
  form: "base" | "third" | "past" | "ing";
}

export { GROUPS as CUE_GROUPS };
