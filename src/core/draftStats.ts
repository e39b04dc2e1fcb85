/**
 * Length figures a writer of a speech asks for: how many characters (字数) and how long it takes
 * to deliver at a given speaking rate.
 */

export interface DraftStats {
  /** Non-whitespace characters, counted by code point: the figure a 公文 writer calls 字数. */
  readonly characters: number;
  /** Characters that are spoken aloud: everything but whitespace and punctuation. */
  readonly spokenCharacters: number;
}

/** Default delivery rate of an official speech, in spoken characters per minute. */
export const DEFAULT_SPEAKING_RATE = 220;

const WHITESPACE = /\s/u;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]/u;

export function measureDraft(text: string): DraftStats {
  let characters = 0;
  let spokenCharacters = 0;
  for (const ch of text) {
    if (WHITESPACE.test(ch)) continue;
    characters++;
    if (!PUNCTUATION_OR_SYMBOL.test(ch)) spokenCharacters++;
  }
  return { characters, spokenCharacters };
}

/** Whole minutes and seconds needed to speak `spokenCharacters` at `charactersPerMinute`. */
export function speakingTime(spokenCharacters: number, charactersPerMinute: number): { minutes: number; seconds: number } {
  const rate = Number.isFinite(charactersPerMinute) && charactersPerMinute > 0 ? charactersPerMinute : DEFAULT_SPEAKING_RATE;
  const totalSeconds = Math.round((spokenCharacters / rate) * 60);
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 };
}
