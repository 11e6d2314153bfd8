// assistant: decides what to tell a citizen about procedures (one answer, a question back, not found)
// and words it; owns the answer policy and the procedure answers.
// The procedure assistant: the conversation's fallback Responder. It reads a question, finds
// the procedure (or asks which one when several fit about equally), answers the asked facet
// first, and remembers the procedure so follow-ups need no name.
import { indexName, type PortalHit, type SearchHit, type SearchIndex } from '../search/index';
import { askingPart, speaksOfOrganisation, type QueryAnalysis } from '../search/analyze';
import type { OutsideEntry } from '../search/lexicon';
import { normalize, fold, isBare, tokenize } from '../search/normalize';
import { PORTAL_URL, procedureAnswer } from './answers';
import type { Responder } from '../conversation/engine';
import { chatKey, type ConversationMemory } from './memory';
import {
  parseProcedureDeepLinkPayload,
  parseProcedurePayload,
  procedurePayload,
  type Facet,
  type Incoming,
  type Reply,
} from '../conversation/message';
import { portalOffice } from './portal-offices';
import { nameLabel, nameLabels } from './text';

const other = (reply: Reply): Decision => ({ kind: 'other', reply });

// Words any procedure name may hold that do not say which procedure it is.
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set(['thu', 'tuc', 'cap', 'giay', 'dang', 'ky', 'ki', 'va', 'cua', 'cho', 'doi', 'voi', 'tai', 'thuc', 'hien', 'trong', 'truong', 'hop', 'nguoi', 'co', 'the', 'cac', 'nhung', 'hoac', 'theo', 'tu', 've', 'viec', 'lai', 'moi']);

const askedOf = new WeakMap<QueryAnalysis, ReadonlySet<string>>();

/** The asking words (the topic at its top weight, with their synonyms' catalogue words), folded; read once per question. */
function askingWords(analysis: QueryAnalysis): ReadonlySet<string> {
  let asked = askedOf.get(analysis);
  if (!asked) {
    const { topic, expansions } = askingPart(analysis);
    asked = new Set([...topic, ...expansions.flat()]);
    askedOf.set(analysis, asked);
  }
  return asked;
}

/** A procedure name's content words: generic ones and the level suffix left out. */
function nameContent(name: string): string[] {
  return [...new Set(tokenize(indexName(name)).map(fold))].filter((f) => !GENERIC_NAME_WORDS.has(f));
}

// Where a procedure name's head (what it does, to what) ends and its modifiers (where, for
// whom, how) begin: "Đăng ký việc nuôi con nuôi | tại Cơ quan đại diện Việt Nam ở nước ngoài".
// With their marks: "đối" (with) is not "đổi" (exchange), "ở" (at) not "ô" (ô tô).
const MODIFIER_START = new Set(['tại', 'ở', 'đối', 'cho', 'của', 'theo', 'trong', 'thực', 'bằng']);
// The actions a head starts with, which do not say which procedure it is.
const HEAD_ACTIONS = new Set(['giai', 'quyet', 'xac', 'nhan', 'thay', 'chinh', 'bo', 'sung', 'de', 'nghi']);

/**
 * True when the asking words hold a word of the name's head, or the head is only actions:
 * "đăng ký khai tử tại cơ quan đại diện" holds the modifiers of "Đăng ký việc nuôi con nuôi tại
 * Cơ quan đại diện…", not its head, so it does not name that procedure.
 */
export function headNamed(name: string, analysis: QueryAnalysis): boolean {
  const words = tokenize(indexName(name));
  const end = words.findIndex((w, i) => i > 1 && MODIFIER_START.has(w));
  const head = (end < 0 ? words : words.slice(0, end)).map(fold).filter((w) => !GENERIC_NAME_WORDS.has(w) && !HEAD_ACTIONS.has(w));
  if (head.length === 0) return true;
  const asked = askingWords(analysis);
  return head.some((w) => asked.has(w));
}

/** A portal name without the level it ends with ("… khiếu nại lần đầu tại cấp xã"), folded. */
function withoutLevel(name: string): string {
  return tokenize(indexName(name)).map(fold).join(' ').replace(/(?: (?:thuc hien|ap dung))?(?: (?:tai|o))? cap (?:xa|huyen|tinh|trung uong)$/u, '');
}

// Groups some procedures are only for: a message that names none of them is not theirs.
const GROUPS = ['công an nhân dân', 'quân đội nhân dân', 'quân nhân', 'sĩ quan', 'thanh niên xung phong', 'dân quân', 'lực lượng vũ trang'].map((g) => ` ${tokenize(g).map(fold).join(' ')} `);

/** True when the name is for a group ("… sĩ quan … Công an nhân dân …") the message does not name. */
export function groupUnnamed(name: string, analysis: QueryAnalysis): boolean {
  const folded = ` ${tokenize(name).map(fold).join(' ')} `;
  const said = ` ${[...analysis.topic, ...analysis.expansions.flat()].map(fold).join(' ')} `;
  return GROUPS.some((g) => folded.includes(g) && !said.includes(g));
}

/** True when the asking words are the procedure's field's name ("chứng thực" of "Chứng thực"): a field, not one procedure, was asked. */
export function onlyFieldAsked(field: string, analysis: QueryAnalysis): boolean {
  const asked = askingWords(analysis);
  const words = new Set(tokenize(field).map(fold));
  return asked.size > 0 && asked.size === words.size && [...asked].every((w) => words.has(w));
}

const ORDINALS: Record<string, number> = { '1': 1, mot: 1, nhat: 1, '2': 2, hai: 2, '3': 3, ba: 3, '4': 4, bon: 4, tu: 4 };
const ORDINAL = /^(?:(?:so|cai|muc|chon|thu tuc|y|lua chon)\s+)?(?:thu\s+)?(\d|mot|nhat|hai|ba|bon|tu)(?:\s+(?:a|nhe|nha|ak))?$/u;

/** "2", "số 2", "cái thứ hai", "thứ nhất ạ": which button, counting from 1. */
export function ordinal(folded: string): number | undefined {
  const m = ORDINAL.exec(folded.replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim());
  return m ? ORDINALS[m[1]!] : undefined;
}

/** The codes a question back or a "not found" offered, in button order. */
export function decisionButtons(d: Decision): string[] {
  return d.kind === 'choose' ? d.codes : d.kind === 'not-found' ? d.near : [];
}

// Actions that end or undo something ("Chấm dứt hoạt động hộ kinh doanh", "Giải thể doanh
// nghiệp", "Xóa đăng ký thường trú"): never the answer to a topic typed alone.
// Moving a benefit elsewhere ("Giải quyết chuyển hưởng sang địa bàn khác…", "Chuyển nơi hưởng
// trợ cấp thất nghiệp") is not the answer to the benefit typed alone ("lương hưu") either.
const UNDOING_ACTIONS = ['chấm dứt', 'giải thể', 'thu hồi', 'xóa', 'hủy', 'tạm ngừng', 'ngừng', 'chuyển hưởng', 'chuyển nơi hưởng'].map((a) => tokenize(a).map(fold));
// Phrases a name may open with before its action ("Giải quyết chuyển hưởng…", "Thủ tục giải thể…").
const ACTION_FRAMES = ['giải quyết', 'thủ tục'].map((a) => tokenize(a).map(fold));

/** True when the name starts with an undoing (or benefit-moving) action the asking words do not say. */
export function undoingUnasked(name: string, analysis: QueryAnalysis): boolean {
  let words = tokenize(indexName(name)).map(fold);
  for (const frame of ACTION_FRAMES) if (frame.every((w, i) => words[i] === w)) words = words.slice(frame.length);
  const action = UNDOING_ACTIONS.find((a) => a.every((w, i) => words[i] === w));
  if (!action) return false;
  const asked = askingWords(analysis);
  return !action.every((w) => asked.has(w));
}

/**
 * True when the name grants a benefit ("Giải quyết hưởng trợ cấp thất nghiệp") the message says
 * is already received ("tôi đang hưởng trợ cấp thất nghiệp…"): the question is then about
 * what comes after (the monthly notice, a move, stopping it), not the grant. A name for those
 * who already receive one ("… đối với người đang hưởng lương hưu …") is not a grant.
 */
export function grantOfReceived(name: string, analysis: QueryAnalysis): boolean {
  if (analysis.receiving.length === 0) return false;
  const words = ` ${tokenize(indexName(name)).map(fold).join(' ')} `;
  if (!words.startsWith(' giai quyet huong ') || words.includes(' dang huong ')) return false;
  return analysis.receiving.some((what) => words.includes(` ${what} `));
}

/** True when the procedure's name shares a content word with what was asked (after synonyms). */
export function namesIt(name: string, analysis: QueryAnalysis, besides: ReadonlySet<string> = new Set()): boolean {
  const asked = askingWords(analysis);
  return nameContent(name).some((f) => asked.has(f) && !besides.has(f));
}

/** Share of the procedure name's content words that the asking words hold (0–1). */
export function nameShare(name: string, analysis: QueryAnalysis): number {
  const words = nameContent(name);
  if (words.length === 0) return 0;
  const asked = askingWords(analysis);
  return words.filter((f) => asked.has(f)).length / words.length;
}

export interface AssistantDeps {
  index: SearchIndex;
  memory: ConversationMemory;
  /** The national portal, linked when nothing fits or for online submission. */
  portalUrl?: string;
  /** Thresholds to override (tests, experiments); the defaults are tuned on the tune half. */
  policy?: Partial<AnswerPolicy>;
}

/** When the assistant answers one procedure, and when it asks back: every threshold, with its default. */
export interface AnswerPolicy {
  /**
   * A different procedure (not a level variant of the top one) scoring at least this share of
   * the top one, with and without usage counts, makes a short question a question back. Set
   * high on purpose: usage counts usually settle a short question the way most people mean it.
   */
  closeRatio: number;
  /** Below this share of the asking words found, the best match is not answered outright. */
  minCoverage: number;
  /** A message with a story is held to more: its asking sentence must name most of the answer. */
  longMinCoverage: number;
  /**
   * … and its asking words must hold this share of the procedure name's own words: in a story,
   * one shared word ("thuế", "bản sao") named the wrong procedure 7 times in 9 on tune.
   */
  longMinNameShare: number;
  /** In a message with a story, a rival at this share of the top score makes it a question back. */
  longCloseRatio: number;
  /** Also confident: the asking words hold this share of the name's own words… */
  namedShare: number;
  /** … and no rival scores within this share of the top one. */
  namedCloseRatio: number;
  /** Also confident, with less of the asking words found: a clear winner (no rival above this share of its score)… */
  clearRatio: number;
  /** … that covers at least this share of the asking words and holds `namedShare` of its own name. */
  clearCoverage: number;
  /**
   * A short message (at most `shortTopicWords` topic words) whose best match (in the catalogue
   * or the portal's list) covers less than this share of its asking words gets an honest "not found" without buttons: they would only
   * share a common word with it ("đổi sim chính chủ" offered martyrs' recognition, "nuôi chó mèo
   * trong chung cư" livestock farming).
   */
  shortMinCoverage: number;
  shortTopicWords: number;
  /** Choices offered: at least this share of the top score and of the asking words found. */
  choiceRatio: number;
  choiceCoverage: number;
  maxChoices: number;
  /** "Did you mean" buttons when nothing fits: like a choice, each covers this share of the asking words. */
  nearCoverage: number;
  /**
   * A portal procedure the catalogue lacks is named when it outscores every catalogue match,
   * its name shares a word with the asking words, and it covers this share of them.
   */
  portalCoverage: number;
  /** … or, when it scores this many times the best catalogue match (a story dilutes the asking words)… */
  portalDominance: number;
  /** … this smaller share of them. */
  portalDominantCoverage: number;
  /**
   * … unless another portal procedure the asking words name scores this share of it: then a
   * question back with both as buttons. The unemployment allowance's siblings (the monthly
   * job-search notice, moving the allowance, vocational support) were named as the allowance.
   */
  portalCloseRatio: number;
  /**
   * A portal procedure the catalogue lacks that the asking words name and that scores this
   * share of the best catalogue match is a rival: no confident answer, a question back.
   */
  portalRivalRatio: number;
  /**
   * A portal procedure the catalogue lacks is named outright only as a catalogue procedure
   * would be answered: its variant said in any message, a name for a company or another
   * organisation only to a message naming one, in a story `longMinNameShare` of its name said,
   * and a rival in a story within `longCloseRatio` (see `portalHeld`). Off: the short-message
   * variant rule and `portalCloseRatio` alone.
   */
  portalNamedAsAnswer: boolean;
  /** Buttons of a question back or a "not found" that may name portal procedures the catalogue lacks. */
  maxPortalChoices: number;
  /** A confident answer's name has its head said, not only its modifiers (see `headNamed`). */
  headNamed: boolean;
  /**
   * A procedure that ends or undoes something ("Chấm dứt…", "Giải thể…", "Xóa…") is the answer
   * to a short message only when that action is asked (a story may say it in its own words).
   */
  undoingAsked: boolean;
  /**
   * A variant ("Cấp đổi…", "Cấp lại…", "Gia hạn…") of a procedure with siblings is the answer to a
   * short message only when the message says that variant (the lexicon's `variants` cues):
   * "sổ đỏ" alone is not the certificate's exchange.
   */
  variantAsked: boolean;
  /**
   * A message that names two variants ("mới làm lại CCCD … có phải đổi lại không": the
   * re-issue and the exchange) gets a question back when the answer has a sibling that is the
   * other one, whatever its length.
   */
  variantDisputed: boolean;
  /**
   * A procedure for one group ("… sĩ quan … Công an nhân dân …", "… quân nhân …") answers
   * only a message that names it: "chế độ hưu trí" is not the police veterans' allowance.
   */
  groupNamed: boolean;
  /**
   * A short message made only of its field's name ("chứng thực", "thuế", "đất đai", "quốc
   * tịch") asks about the field: a question back with its procedures, not its most used one
   * (the will's certification, the landlord's tax, land-dispute mediation).
   */
  fieldAsked: boolean;
  /**
   * A confident answer shares a word with the asking words beyond the variant cues: "làm lại
   * bằng tốt nghiệp bị mất" shares only "bị mất" with "Cấp lại Giấy chứng nhận do bị mất".
   */
  topicNamed: boolean;
  /**
   * A benefit's grant ("Giải quyết hưởng trợ cấp thất nghiệp") is not the answer, nor the
   * portal procedure named, when the message says that benefit is already received ("đang
   * hưởng trợ cấp thất nghiệp"): the allowance was named for its monthly notice and its move.
   */
  receivedNotGranted: boolean;
  /**
   * Search results the decision reads: enough to fill `maxChoices` buttons once the level
   * variants of one procedure are merged into one (five often left two or three).
   */
  resultsRead: number;
}

export const defaultAnswerPolicy: AnswerPolicy = {
  closeRatio: 0.95,
  minCoverage: 0.5,
  longMinCoverage: 0.6,
  longMinNameShare: 0.28,
  longCloseRatio: 0.75,
  namedShare: 0.5,
  namedCloseRatio: 0.9,
  clearRatio: 0.5,
  clearCoverage: 0.2,
  shortMinCoverage: 0.4,
  shortTopicWords: 8,
  choiceRatio: 0.3,
  choiceCoverage: 0.15,
  maxChoices: 4,
  nearCoverage: 0.15,
  portalCoverage: 0.5,
  portalRivalRatio: 0.8,
  maxPortalChoices: 2,
  portalDominance: 2,
  portalDominantCoverage: 0.2,
  portalCloseRatio: 0.9,
  portalNamedAsAnswer: true,
  resultsRead: 10,
  headNamed: true,
  undoingAsked: true,
  variantAsked: true,
  variantDisputed: true,
  groupNamed: true,
  fieldAsked: true,
  topicNamed: true,
  receivedNotGranted: true,
};
const MAX_TEXT = 2000;
/** "Did you mean" buttons under a "not found". */
const NEAR_BUTTONS = 3;

/** A procedure as a button: one of the catalogue's, or one only the portal lists. */
interface Named {
  code: string;
  name: string;
  listed: boolean;
}

/** Said under buttons that name procedures only the portal lists. */
function portalNote(procedures: readonly Named[]): Reply['blocks'] {
  return procedures.some((p) => !p.listed) ? [{ type: 'text', text: 'Thủ tục ghi "(Cổng DVC)" chưa có giấy tờ trong danh mục của tôi; bấm vào để biết cách tra cứu.' }] : [];
}

/** Up to `max` codes: the best catalogue match first, then the others by score. */
function bestFirst(keep: string | undefined, candidates: { code: string; score: number }[], max: number): string[] {
  const codes = [...candidates].sort((a, b) => b.score - a.score).map((c) => c.code);
  return [...new Set([...(keep === undefined ? [] : [keep]), ...codes])].slice(0, max);
}

const GREETINGS = new Set(['xin chào', 'chào', 'chào bạn', 'chào ad', 'hello', 'hi', 'alo', 'helo', 'chào em', 'chào anh', 'chào chị', 'hey', 'xin chào bạn']);
const THANKS = new Set(['cảm ơn', 'cám ơn', 'cảm ơn bạn', 'cảm ơn nhiều', 'thanks', 'thank you', 'tks', 'thank', 'ok cảm ơn', 'ok', 'oke', 'được rồi', 'cảm ơn ạ', 'camon']);
const HELP = new Set(['/help', 'help', 'giúp', 'giúp đỡ', 'hướng dẫn', 'trợ giúp', 'menu', '?', 'giúp tôi', 'hdsd']);
const EXAMPLES = ['làm giấy khai sinh cần gì', 'đăng ký tạm trú mất bao lâu', 'lệ phí cấp hộ chiếu', 'đổi bằng lái xe ở đâu'];

const foldedSet = (words: Set<string>) => new Set([...words].map((w) => fold(normalize(w))));
const GREETINGS_F = foldedSet(GREETINGS);
const THANKS_F = foldedSet(THANKS);
const HELP_F = new Set([...foldedSet(HELP), '/help']);

/**
 * What the assistant decided to tell the citizen, before it is worded: one procedure, a
 * question back with choices, an honest "not found" (with near procedures offered), or a
 * reply that is about no procedure (greetings, help, "which procedure?").
 * The eval classifies replies by this; channels only see the worded Reply.
 */
export type Decision =
  | { kind: 'answer'; code: string; facets: Facet[]; why?: Why }
  /** The buttons' codes, best first; a code may be a portal procedure's the catalogue lacks. */
  | { kind: 'choose'; codes: string[]; facets: Facet[]; why?: Why }
  | { kind: 'not-found'; near: string[]; facets: Facet[]; why?: Why }
  /** A portal procedure the catalogue lacks: named honestly, never answered with another's papers. */
  | { kind: 'missing'; portalCode: string; name: string; facets: Facet[]; why?: Why }
  | { kind: 'other'; reply: Reply };

/**
 * Which rule made a decision (`motcua ask --why`, the eval report): for an answer, what made
 * it confident; for a question back, the `AnswerPolicy` rule that stopped an answer, or
 * `unclear` when none was confident; for a typed reply to a question back, how it was read.
 */
export type Why =
  | 'code'
  | 'wellCovered'
  | 'namedNoRival'
  | 'clearWinner'
  | 'portalNamed'
  | 'portalRivalRatio'
  | 'headNamed'
  | 'undoingAsked'
  | 'variantAsked'
  | 'variantDisputed'
  | 'groupNamed'
  | 'fieldAsked'
  | 'topicNamed'
  | 'receivedNotGranted'
  | 'unclear'
  | 'fewMatches'
  | 'offeredPicked'
  | 'offeredNarrowed'
  | 'offeredAgain';

export class Assistant implements Responder {
  private readonly portalUrl: string;

  private readonly policy: AnswerPolicy;

  constructor(private readonly deps: AssistantDeps) {
    this.policy = { ...defaultAnswerPolicy, ...deps.policy };
    this.portalUrl = deps.portalUrl ?? PORTAL_URL;
  }

  async handle(incoming: Incoming): Promise<Reply> {
    return this.reply(incoming);
  }

  /** Synchronous core, for the CLI and tests. */
  reply(incoming: Incoming): Reply {
    return this.render(this.decide(incoming));
  }

  /** What to answer, remembering an answered procedure for the chat's follow-ups. */
  decide(incoming: Incoming): Decision {
    const chat = chatKey(incoming);
    const payloadDecision = incoming.payload ? this.fromPayload(incoming.payload) : undefined;
    if (payloadDecision) return this.remember(chat, payloadDecision);

    const raw = (typeof incoming.text === 'string' ? incoming.text : '').slice(0, MAX_TEXT).trim();
    const command = /^\/(start|help)(?:@\w+)?(?:\s+(\S+))?/i.exec(raw);
    if (command) {
      if (command[1]!.toLowerCase() === 'help') return other(this.help());
      const deep = command[2] ? parseProcedureDeepLinkPayload(command[2]) : undefined;
      if (deep && this.deps.index.procedure(deep)) return this.remember(chat, { kind: 'answer', code: deep, facets: [] });
      return other(this.welcome());
    }
    const key = fold(normalize(raw));
    if (key === '') return other(this.help());
    if (HELP_F.has(key) || raw === '/help') return other(this.help());
    if (GREETINGS_F.has(key)) return other(this.welcome());
    if (THANKS_F.has(key)) return other({ blocks: [{ type: 'text', text: 'Rất vui được giúp bạn! Bạn cần hỏi thêm thủ tục nào cứ nhắn nhé.' }], buttons: [], links: [] });

    // A reply to the last question back: "số 2", or words only one of the offered names holds ("cổ phần").
    const offered = this.deps.memory.lastChoices(chat);
    const nth = offered ? ordinal(key) : undefined;
    const chosen = nth !== undefined ? offered![nth - 1] : undefined;
    if (chosen) return this.remember(chat, this.decisionFor(chosen, [], 'offeredPicked'));
    const { analysis, hits, portals } = this.deps.index.query(raw, { limit: this.policy.resultsRead });
    const fits = offered && !analysis.long ? this.offeredNamed(analysis, offered) : [];
    if (fits.length === 1) return this.remember(chat, this.decisionFor(fits[0]!, analysis.facets, 'offeredPicked'));
    // Fewer of them than were offered ("thành viên": the two limited companies): ask between those.
    if (fits.length > 1 && fits.length < offered!.length) return this.remember(chat, { kind: 'choose', codes: fits, facets: analysis.facets, why: 'offeredNarrowed' });
    // Something no office here does ("làm visa đi nước ngoài": the embassy's): say who does it,
    // rather than answer the procedure that shares its words (a visa for foreigners here).
    if (analysis.outside) {
      this.deps.memory.forgetChoices(chat);
      return other(this.outside(analysis.outside));
    }
    const remembered = this.deps.memory.lastProcedure(chat);
    if (analysis.onlyIntent) {
      // Asked after a question back, "lệ phí bao nhiêu?" is about one of the procedures offered, not an older one.
      if (offered && offered.length > 1 && analysis.facets.length > 0) return this.remember(chat, { kind: 'choose', codes: [...offered], facets: analysis.facets, why: 'offeredAgain' });
      if (remembered && analysis.facets.length > 0) return this.remember(chat, { kind: 'answer', code: remembered, facets: analysis.facets });
      // "tôi muốn hỏi về thủ tục", "lệ phí bao nhiêu?": a question without a topic.
      return other(this.whichProcedure(analysis.facets));
    }
    return this.remember(chat, this.fromSearch(analysis, hits, portals));
  }

  /** The worded reply for a decision. */
  render(decision: Decision): Reply {
    switch (decision.kind) {
      case 'answer': {
        const procedure = this.deps.index.procedure(decision.code);
        return procedure ? procedureAnswer(procedure, decision.facets, { portalUrl: this.portalUrl, variants: this.deps.index.siblings(procedure.code) }) : this.notFound([], undefined);
      }
      case 'choose':
        return this.choose(this.named(decision.codes), decision.facets);
      case 'not-found':
        return this.notFound(this.named(decision.near), decision.facets[0]);
      case 'missing': {
        const entry = this.deps.index.portalProcedure(decision.portalCode);
        return this.missing(decision.portalCode, decision.name, entry && portalOffice(entry));
      }
      case 'other':
        return decision.reply;
    }
  }

  /** Catalogue procedures, and portal procedures the catalogue lacks, by code (buttons). */
  private named(codes: readonly string[]): Named[] {
    return codes.flatMap((code): Named[] => {
      const name = this.deps.index.procedure(code)?.name;
      if (name !== undefined) return [{ code, name, listed: true }];
      const portal = this.deps.index.portalProcedure(code);
      return portal ? [{ code, name: portal.name, listed: false }] : [];
    });
  }

  private remember(chat: string, decision: Decision): Decision {
    if (decision.kind === 'answer' && this.deps.index.procedure(decision.code)) this.deps.memory.remember(chat, decision.code);
    else if ((decision.kind === 'choose' || decision.kind === 'not-found') && decisionButtons(decision).length > 0) this.deps.memory.rememberChoices(chat, decisionButtons(decision));
    else this.deps.memory.forgetChoices(chat);
    return decision;
  }

  /** A catalogue procedure is answered; a portal one the catalogue lacks is named honestly. */
  private decisionFor(code: string, facets: Facet[], why: Why): Decision {
    if (this.deps.index.procedure(code)) return { kind: 'answer', code, facets, why };
    const portal = this.deps.index.portalProcedure(code);
    return portal ? { kind: 'missing', portalCode: portal.code, name: portal.name, facets, why } : { kind: 'not-found', near: [], facets, why };
  }

  /**
   * The offered procedures a short reply names: every word of it is in some offered name (a
   * word none holds makes it a new question: none), and the ones holding all of them ("cổ
   * phần" after the company types: one; "thành viên": the two limited companies). What the
   * lexicon reads a reply as stands for its words ("bị mất" is "cấp lại"); a word typed with its
   * marks matches only with them ("đổi" is not the "đối" of "đối với").
   */
  private offeredNamed(analysis: QueryAnalysis, offered: readonly string[]): string[] {
    const asked = askingPart(analysis, true);
    const words = asked.expansions.length > 0 ? asked.expansions.flat() : asked.topic;
    if (words.length === 0) return [];
    const names = offered.map((code) => {
      const tokens = tokenize(indexName(this.deps.index.procedure(code)?.name ?? this.deps.index.portalProcedure(code)?.name ?? ''));
      return { exact: new Set(tokens), bare: new Set(tokens.map(fold)) };
    });
    const holds = (name: (typeof names)[number], w: string) => (isBare(w) ? name.bare.has(w) : name.exact.has(w));
    if (words.some((w) => !names.some((n) => holds(n, w)))) return [];
    return offered.filter((_, i) => words.every((w) => holds(names[i]!, w)));
  }

  private fromPayload(payload: string): Decision | undefined {
    const parsed = parseProcedurePayload(payload);
    if (!parsed) return undefined;
    const facets = parsed.facet ? [parsed.facet] : [];
    if (!this.deps.index.procedure(parsed.code)) {
      const portal = this.deps.index.portalProcedure(parsed.code);
      return portal ? { kind: 'missing', portalCode: portal.code, name: portal.name, facets } : { kind: 'not-found', near: [], facets };
    }
    return { kind: 'answer', code: parsed.code, facets };
  }

  private fromSearch(analysis: QueryAnalysis, hits: SearchHit[], portals: readonly PortalHit[]): Decision {
    const top = hits[0];
    const portal = portals[0];
    // Asked for a portal procedure the catalogue lacks: say so, never answer another one. In a
    // story the asking words are diluted: a portal name far ahead of every catalogue match
    // needs less of them.
    const dominant = portal !== undefined && top !== undefined && portal.score >= top.score * this.policy.portalDominance && portal.coverage >= this.policy.portalDominantCoverage;
    // Another portal procedure the asking words name, nearly as good, makes it a question back
    // (the same one at another level, "… tại cấp xã" / "… tại cấp tỉnh", is no rival).
    // In a story, as for a catalogue answer, a rival within `longCloseRatio` (the allowance
    // itself named when its monthly job-search notice or its move was asked).
    const rivalRatio = analysis.long && this.policy.portalNamedAsAnswer ? Math.min(this.policy.portalCloseRatio, this.policy.longCloseRatio) : this.policy.portalCloseRatio;
    const portalRival =
      portal !== undefined &&
      portals.some((h) => h !== portal && h.score >= portal.score * rivalRatio && withoutLevel(h.entry.name) !== withoutLevel(portal.entry.name) && namesIt(h.entry.name, analysis));
    // A portal name is not a catalogue answer's papers, but naming the wrong one misleads as
    // much: what holds a catalogue answer back holds it back too (`portalNamedAsAnswer`).
    const held = portal !== undefined && this.portalHeld(portal, analysis);
    if (portal && !portalRival && !held && (!top || portal.score >= top.score) && (portal.coverage >= this.policy.portalCoverage || dominant) && namesIt(portal.entry.name, analysis)) {
      return { kind: 'missing', portalCode: portal.entry.code, name: portal.entry.name, facets: analysis.facets, why: 'portalNamed' };
    }
    const long = analysis.long;
    // One button per procedure: level variants of the same one would only repeat it.
    const distinct = hits.filter((h, i) => hits.findIndex((o) => o.variantKey === h.variantKey) === i);
    if (!top) return this.nearly(analysis, hits, portals);
    const direct = analysis.codes.includes(top.procedure.code) || analysis.synonymCodes[0] === top.procedure.code;
    if (direct) return { kind: 'answer', code: top.procedure.code, facets: analysis.facets, why: 'code' };
    // A rarely used procedure the lexicon names by a phrase said alone (`keywords: false`).
    const phrased = analysis.phraseCodes.find((c) => this.deps.index.procedure(c));
    if (phrased) return { kind: 'answer', code: phrased, facets: analysis.facets, why: 'code' };
    const second = distinct[1];
    // A confident answer needs the asking words to name it, most of them to be found, and no
    // close rival; a long story is held to a wider margin, since its words match loosely.
    const p = this.policy;
    const ratio = long ? p.longCloseRatio : p.closeRatio;
    const close = (h: SearchHit) => h.score >= top.score * ratio && h.relevance >= top.relevance * ratio && (long || h.coverage >= top.coverage);
    // Half the procedure's own name words said (which also means the asking words name it).
    const share = nameShare(top.procedure.name, analysis);
    const named = share >= p.namedShare;
    const confident: Why | undefined =
      top.coverage >= (long ? p.longMinCoverage : p.minCoverage) && (long ? share >= p.longMinNameShare : share > 0) && !distinct.slice(1).some(close)
        ? 'wellCovered'
        : // The asking words name most of the procedure itself, and no rival comes near…
          named && top.coverage >= p.minCoverage && !(second && second.score >= top.score * p.namedCloseRatio)
          ? 'namedNoRival'
          : // … or it is a clear winner, even when a story dilutes the coverage.
            named && top.coverage >= p.clearCoverage && !(second && second.score > top.score * p.clearRatio)
            ? 'clearWinner'
            : undefined;
    // What still makes a confident answer a question back (each rule's reason is in AnswerPolicy).
    const name = top.procedure.name;
    const byName = this.nameVetoes(name, analysis);
    const vetoes: [Why, () => boolean][] = [
      ['portalRivalRatio', () => portal !== undefined && portal.score >= top.score * p.portalRivalRatio && namesIt(portal.entry.name, analysis)],
      ['headNamed', byName.headNamed],
      ['undoingAsked', byName.undoingAsked],
      ['variantAsked', () => p.variantAsked && !long && this.deps.index.variantUnasked(top.procedure.code, analysis)],
      ['variantDisputed', () => p.variantDisputed && this.deps.index.variantDisputed(top.procedure.code, analysis)],
      ['groupNamed', byName.groupNamed],
      ['fieldAsked', () => p.fieldAsked && !long && onlyFieldAsked(top.procedure.field, analysis) && hits.filter((h) => h.procedure.field === top.procedure.field).length >= 2],
      ['topicNamed', byName.topicNamed],
      ['receivedNotGranted', byName.receivedNotGranted],
    ];
    const vetoed = confident ? vetoes.find(([, applies]) => applies())?.[0] : undefined;
    if (confident && !vetoed) return { kind: 'answer', code: top.procedure.code, facets: analysis.facets, why: confident };
    // Otherwise a question back: the likely procedures as buttons, best first.
    const bestCoverage = Math.max(top.coverage, ...portals.map((h) => h.coverage));
    if (!long && analysis.topic.length <= p.shortTopicWords && bestCoverage < p.shortMinCoverage) return { kind: 'not-found', near: [], facets: analysis.facets, why: 'fewMatches' };
    const likely = distinct.filter((h, i) => i === 0 || (h.score >= top.score * p.choiceRatio && h.coverage >= p.choiceCoverage));
    const codes = this.buttonCodes(analysis, hits, likely, portals, p.choiceCoverage, p.maxChoices);
    if (codes.length >= 2) return { kind: 'choose', codes, facets: analysis.facets, why: vetoed ?? 'unclear' };
    return this.nearly(analysis, hits, portals);
  }

  /**
   * What stops a portal procedure the catalogue lacks from being named outright: a variant
   * ("Cấp lại…") the message does not say, whatever its length (it named the re-issue of a
   * work-permit exemption for the first one); a name for a company or another organisation
   * ("… của doanh nghiệp …") when the message names none (a labour-hire firm's deposit named
   * for a worker's own); in a story, less of its name said than a catalogue answer needs
   * (`longMinNameShare`: the tax-registration change named for a gift's income tax); and what
   * stops a catalogue answer (its head unsaid, an undoing or a group the message does not name,
   * no shared word beyond the variant cues, a grant of what is already received).
   */
  private portalHeld(portal: PortalHit, analysis: QueryAnalysis): boolean {
    const p = this.policy;
    const { code, name } = portal.entry;
    if (!p.portalNamedAsAnswer) return p.variantAsked && !analysis.long && this.deps.index.variantUnasked(code, analysis);
    return (
      (p.variantAsked && this.deps.index.variantUnasked(code, analysis)) ||
      (!analysis.organisation && speaksOfOrganisation(name)) ||
      (analysis.long && nameShare(name, analysis) < p.longMinNameShare) ||
      // The catalogue answer's own vetoes, on the portal name.
      Object.values(this.nameVetoes(name, analysis)).some((applies) => applies())
    );
  }

  /** The vetoes of a confident answer that read only its name (and the message), for a catalogue answer and a portal name alike. */
  private nameVetoes(name: string, analysis: QueryAnalysis): Record<'headNamed' | 'undoingAsked' | 'groupNamed' | 'topicNamed' | 'receivedNotGranted', () => boolean> {
    const p = this.policy;
    return {
      headNamed: () => p.headNamed && !headNamed(name, analysis),
      undoingAsked: () => p.undoingAsked && !analysis.long && undoingUnasked(name, analysis),
      groupNamed: () => p.groupNamed && groupUnnamed(name, analysis),
      topicNamed: () => p.topicNamed && !namesIt(name, analysis, this.deps.index.variantCueWords),
      receivedNotGranted: () => p.receivedNotGranted && grantOfReceived(name, analysis),
    };
  }

  private nearly(analysis: QueryAnalysis, hits: SearchHit[], portals: readonly PortalHit[]): Decision {
    const near = hits.filter((h, i) => i === 0 || h.coverage >= this.policy.nearCoverage);
    return { kind: 'not-found', near: this.buttonCodes(analysis, hits, near, portals, this.policy.nearCoverage, NEAR_BUTTONS), facets: analysis.facets, why: 'fewMatches' };
  }

  /**
   * Up to `max` button codes: the best match first, then `matches` and the portal procedures
   * the catalogue lacks by score. Those compete on the same terms (the asking words name them,
   * `minCoverage` of them found, `choiceRatio` of the best score); a tap on one says honestly
   * that its papers are not listed yet.
   */
  private buttonCodes(analysis: QueryAnalysis, hits: readonly SearchHit[], matches: readonly SearchHit[], portals: readonly PortalHit[], minCoverage: number, max: number): string[] {
    const top = hits[0];
    const named = portals.filter((h) => (!top || h.score >= top.score * this.policy.choiceRatio) && h.coverage >= minCoverage && namesIt(h.entry.name, analysis)).slice(0, this.policy.maxPortalChoices);
    return bestFirst(top?.procedure.code, [...matches.map((h) => ({ code: h.procedure.code, score: h.score })), ...named.map((h) => ({ code: h.entry.code, score: h.score }))], max);
  }

  private choose(procedures: Named[], facets: readonly Facet[]): Reply {
    return {
      blocks: [{ type: 'text', text: 'Có vài thủ tục gần với câu hỏi của bạn. Bạn hỏi về thủ tục nào?' }, ...portalNote(procedures)],
      buttons: this.buttons(procedures, facets[0]),
      links: [],
    };
  }

  private buttons(procedures: readonly Named[], facet: Facet | undefined): Reply['buttons'] {
    const names = procedures.map((p) => p.name);
    const labels = nameLabels(names);
    // Portal procedures' labels leave room for " (Cổng DVC)".
    const portalLabels = procedures.some((p) => !p.listed) ? nameLabels(names, 50) : labels;
    return procedures.map((p, i) => ({ label: p.listed ? labels[i]! : `${portalLabels[i]!} (Cổng DVC)`, payload: procedurePayload(p.code, facet) }));
  }

  private whichProcedure(facets: readonly Facet[]): Reply {
    return {
      blocks: [
        { type: 'text', text: 'Bạn hỏi về thủ tục nào? Hãy gõ tên thủ tục, ví dụ:' },
        { type: 'list', items: EXAMPLES.slice(0, 3) },
      ],
      buttons: [],
      links: facets.includes('online') ? [{ label: 'Cổng Dịch vụ công Quốc gia', url: this.portalUrl }] : [],
    };
  }

  private notFound(near: Named[], facet: Facet | undefined): Reply {
    return {
      blocks: [
        { type: 'text', text: 'Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp với câu hỏi của bạn.' },
        { type: 'text', text: 'Bạn thử hỏi lại ngắn gọn bằng tên thủ tục, ví dụ:' },
        { type: 'list', items: EXAMPLES },
        ...(near.length > 0 ? [{ type: 'text' as const, text: 'Hoặc có thể bạn muốn hỏi:' }, ...portalNote(near)] : []),
      ],
      buttons: this.buttons(near, facet),
      links: [{ label: 'Tra cứu trên Cổng Dịch vụ công Quốc gia', url: this.portalUrl }],
    };
  }

  private missing(code: string, name: string, office: string | undefined): Reply {
    return {
      blocks: [
        { type: 'heading', text: `${nameLabel(name, 200)} (mã ${code})` },
        { type: 'text', text: 'Thủ tục này có trên Cổng Dịch vụ công Quốc gia nhưng giấy tờ, lệ phí và thời gian của nó chưa có trong danh mục của tôi, nên tôi không trả lời thay bằng thủ tục khác.' },
        ...(office ? [{ type: 'text' as const, text: `Nơi giải quyết: ${office}.` }] : []),
        { type: 'text', text: office ? 'Bạn tra mã thủ tục trên Cổng để xem giấy tờ cần nộp, hoặc hỏi trực tiếp nơi giải quyết.' : 'Bạn tra mã thủ tục trên Cổng hoặc hỏi bộ phận một cửa nơi bạn nộp hồ sơ.' },
      ],
      buttons: [],
      links: [{ label: 'Tra cứu trên Cổng Dịch vụ công Quốc gia', url: this.portalUrl }],
    };
  }

  private outside(entry: OutsideEntry): Reply {
    const helping = this.named(entry.codes);
    return {
      blocks: [{ type: 'text', text: entry.reply }, ...(helping.length > 0 ? [{ type: 'text' as const, text: 'Thủ tục có thể bạn cần trước:' }] : [])],
      buttons: this.buttons(helping, undefined),
      links: [],
    };
  }

  private welcome(): Reply {
    return {
      blocks: [
        { type: 'text', text: 'Xin chào! Tôi giúp bạn tra cứu thủ tục hành chính: cần giấy tờ gì, lệ phí, thời gian, nộp ở đâu, có nộp trực tuyến được không.' },
        { type: 'text', text: 'Bạn cứ gõ câu hỏi, có dấu hay không dấu đều được, ví dụ:' },
        { type: 'list', items: EXAMPLES },
      ],
      buttons: [],
      links: [],
    };
  }

  private help(): Reply {
    return {
      blocks: [
        { type: 'heading', text: 'Hướng dẫn' },
        { type: 'text', text: 'Gõ tên thủ tục và điều bạn muốn biết. Ví dụ:' },
        { type: 'list', items: EXAMPLES },
        { type: 'text', text: 'Hỏi tiếp ("còn lệ phí thì sao?") sẽ hiểu là cùng thủ tục vừa hỏi. Có mã hồ sơ thì gõ mã để tra tình trạng.' },
      ],
      buttons: [],
      links: [{ label: 'Cổng Dịch vụ công Quốc gia', url: this.portalUrl }],
    };
  }
}
