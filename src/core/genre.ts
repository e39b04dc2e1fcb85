/** The genre of a speech, read from its title (讲话, 发言, 汇报, 总结, 党课, 心得体会, 述职 …). */

export type Genre = '讲话' | '发言' | '汇报' | '总结' | '党课' | '心得体会' | '述职' | '致辞' | '其他';

export const GENRES: readonly Genre[] = ['讲话', '发言', '汇报', '总结', '党课', '心得体会', '述职', '致辞', '其他'];

/** Words that name a genre; when a title names several (`读书班总结讲话`), the last one wins. */
const GENRE_WORDS: readonly [RegExp, Genre][] = [
  [/讲话|讲稿|动员|主持词|讲座|演讲/g, '讲话'],
  [/发言|交流|研讨|座谈/g, '发言'],
  [/汇报|进展情况|报告/g, '汇报'],
  [/总结/g, '总结'],
  [/心得|体会|感悟/g, '心得体会'],
  [/致辞|贺词/g, '致辞'],
];

/** These decide alone: a 党课讲稿 is a 党课, a 述职报告 is a 述职. */
const DECISIVE: readonly [RegExp, Genre][] = [
  [/党课|辅导报告/, '党课'],
  [/述职|述责述廉/, '述职'],
];

/**
 * The genre from the title; an untitled text is judged by its salutation (同志们 → a speech) or by how
 * its transition names itself (`作简要交流发言` → 发言).
 */
export function genreFromTitle(title: string | undefined, salutation?: string, transition?: string): Genre {
  if (title) {
    for (const [pattern, genre] of DECISIVE) if (pattern.test(title)) return genre;
    let best: { genre: Genre; at: number } | undefined;
    for (const [pattern, genre] of GENRE_WORDS) {
      for (const match of title.matchAll(pattern)) {
        const at = (match.index ?? 0) + match[0].length;
        if (!best || at > best.at) best = { genre, at };
      }
    }
    if (best) return best.genre;
  }
  // An untitled text that opens with 同志们 is a speech to a meeting.
  if (salutation && /同志们|同誌們/.test(salutation)) return '讲话';
  return transition ? genreFromTitle(transition) : '其他';
}
