/**
 * The seed article's reports from other outlets, written out in full: three outlets carry Trump's February 5, 2017
 * words from his Fox News interview (one changes a word, one paraphrases them, one cuts them short and still prints
 * them as a whole quote), a fourth records the same words apart, as a claim of its own (a duplicate for mergeClaims),
 * and a fifth attributes to Ben Cardin words he never said (denied by his office, then shown to be misattributed by a
 * fact-check; a transcript verifies words he did say). The outlets are invented, at example.org addresses: only the
 * Vox article and its sources are real.
 */

/** Trump's words as the Vox article quotes them, the claim's primary words. */
export const TRUMP_WORDS =
  "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world — that's a good thing.";

/** The key of that claim in the seed bundle. */
export const TRUMP_CLAIM_KEY = 'trump-fox-news-2017-02-05';

/** The url of the interview itself: the claim's primary report. */
export const FOX_INTERVIEW_URL = 'urn:whosaid:fox-news:2017-02-05:oreilly-interview-trump';

export const WORD_CHANGED_URL = 'https://daily-ledger.example.org/2017/02/06/trump-russia-isis';
export const PARAPHRASE_URL = 'https://evening-wire.example.org/2017/02/06/trump-oreilly-russia';
export const CUT_SHORT_URL = 'https://morning-brief.example.org/2017/02/07/trump-get-along-with-russia';
export const DUPLICATE_URL = 'https://capitol-notes.example.org/2017/02/05/trump-on-russia';
export const MISATTRIBUTION_URL = 'https://viral-post.example.org/2017/05/20/cardin-russia-partner';
export const FACT_CHECK_URL = 'https://fact-desk.example.org/2017/05/22/cardin-never-said-it';

/** One word changed: "a big fight" for "a major fight", still given as a direct quote; named by the claim's key. */
export const WORD_CHANGED_BUNDLE = {
  source: {
    url: WORD_CHANGED_URL,
    title: 'Trump: better to get along with Russia',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-02-06' },
  },
  claims: [
    {
      key: TRUMP_CLAIM_KEY,
      text: "it's better to get along with Russia than not. And if Russia helps us in the fight against ISIS, which is a big fight, and Islamic terrorism all over the world — that's a good thing.",
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'INTERVIEW',
      report: { anchor: 'para-3' },
    },
  ],
};

/** The same words as a paraphrase, in a video segment: named by the claim's id (`sameAs`, filled in by the test). */
export function paraphraseBundle(trumpClaimId: string) {
  return {
    source: {
      url: PARAPHRASE_URL,
      title: 'Trump tells O’Reilly he wants Russia’s help against ISIS',
      kind: 'BROADCAST',
      publishedOn: { value: '2017-02-06' },
    },
    claims: [
      {
        sameAs: trumpClaimId,
        text: 'Trump said it would be a good thing if Russia helped the US in the fight against ISIS.',
        mode: 'PARAPHRASE',
        medium: 'INTERVIEW',
        report: { startSeconds: 95, endSeconds: 112.5 },
      },
    ],
  };
}

/** The first sentence only, printed as if it were all he said: a partial quote presented whole. */
export const CUT_SHORT_BUNDLE = {
  source: {
    url: CUT_SHORT_URL,
    title: 'Trump on Russia: “better to get along”',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-02-07' },
  },
  claims: [
    {
      key: TRUMP_CLAIM_KEY,
      text: "it's better to get along with Russia than not.",
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'INTERVIEW',
      report: { page: 'A4' },
    },
  ],
};

/** The same utterance recorded apart, without a key: a claim of its own until it is merged. */
export const DUPLICATE_BUNDLE = {
  source: {
    url: DUPLICATE_URL,
    title: 'Trump wants to get along with Russia',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-02-05' },
  },
  claims: [
    {
      text: "It's better to get along with Russia than not, and if Russia helps us in the fight against ISIS, which is a major fight, and Islamic terrorism all over the world, that's a good thing.",
      mode: 'DIRECT_QUOTE',
      speakers: ['donald-trump'],
      medium: 'INTERVIEW',
      saidOn: { value: '2017-02-05' },
      stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'SUPPORTS' }],
    },
  ],
};

/** Words put in Ben Cardin's mouth four days after Vox quoted him: they would shift his position if they stood. */
export const MISATTRIBUTION_BUNDLE = {
  source: {
    url: MISATTRIBUTION_URL,
    title: 'Cardin: Russia is our best partner against ISIS',
    kind: 'SOCIAL_POST',
    publishedOn: { value: '2017-05-20' },
  },
  claims: [
    {
      key: 'cardin-best-partner-misattributed',
      text: 'Russia is our best partner against ISIS.',
      mode: 'DIRECT_QUOTE',
      speakers: ['ben-cardin'],
      medium: 'SOCIAL_POST',
      saidOn: { value: '2017-05-20' },
      stances: [{ proposition: 'russia-is-an-ally-against-isis', stance: 'SUPPORTS' }],
    },
  ],
};

/** The fact-check that shows Cardin never said it: the evidence of the misattribution. */
export const FACT_CHECK_BUNDLE = {
  source: {
    url: FACT_CHECK_URL,
    title: 'No, Ben Cardin did not call Russia our best partner against ISIS',
    kind: 'ARTICLE',
    publishedOn: { value: '2017-05-22' },
  },
  claims: [],
};

export const DENIAL_URL = 'https://senator-statements.example.org/cardin/2017/05/21/fabricated-quote';
export const TRANSCRIPT_URL = 'https://transcripts.example.org/2017/05/16/cardin-foreign-relations-briefing';

/** Cardin's office denies the words the social post gave him: the evidence that they are disputed. */
export const DENIAL_BUNDLE = {
  source: {
    url: DENIAL_URL,
    title: 'Cardin statement on a quote falsely attributed to him',
    kind: 'PRESS_RELEASE',
    publishedOn: { value: '2017-05-21' },
  },
  claims: [],
};

/** A transcript of the briefing Vox quoted Cardin from: the evidence that he said those words. */
export const TRANSCRIPT_BUNDLE = {
  source: {
    url: TRANSCRIPT_URL,
    title: 'Transcript: Sen. Cardin briefs reporters on Russia and Syria',
    kind: 'REPORT',
    publishedOn: { value: '2017-05-16' },
  },
  claims: [],
};
