/** The genre of a speech, read from its title (讲话, 发言, 汇报, 总结, 党课, 心得体会, 述职 …). */
import { toMatchForm } from './normalize';

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

const SPEAKER_ANNOUNCES_POINTS = /讲(?:几|[一二三四五六七八九两])点/;

/** These decide alone: a 党课讲稿 is a 党课, a 述职报告 is a 述职. */
const DECISIVE: readonly [RegExp, Genre][] = [
  // Not when the word names a meeting or a task: `在全市党课工作推进会上的讲话`, `述职评议会上的讲话`.
  [/党课(?!工作|会|大会|会议|推进|评议|动员|部署)|辅导报告/, '党课'],
  [/述职(?!评议|工作|会|大会|会议)|述责述廉/, '述职'],
];

/**
 * The genre from the title; an untitled text is judged by its salutation (同志们 → a speech) or by how
 * its transition names itself (`作简要交流发言` → 发言).
 */
export function genreFromTitle(rawTitle: string | undefined, salutation?: string, transition?: string): Genre {
  // Traditional characters (`講話`, `致辭`) name the same genres.
  const title = rawTitle === undefined ? undefined : toMatchForm(rawTitle);
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
  // Untitled: a transition that names the speaker's part (`作简要交流发言`, `报告如下`) decides; otherwise a speaker
  // who opens with 同志们 (or addresses a congress's 代表) or announces the points to make (`我讲几点意见`) gives a
  // speech to a meeting, even one that sums up (`下面，我对读书班进行简要总结`).
  const named = transition ? genreFromTitle(transition) : '其他';
  if (named === '发言' || named === '汇报') return named;
  if (salutation && /同志们|代表|委员/.test(toMatchForm(salutation))) return '讲话';
  if (transition && SPEAKER_ANNOUNCES_POINTS.test(toMatchForm(transition))) return '讲话';
  return named;
}
