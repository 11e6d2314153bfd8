// Builds the search index from a catalogue directory: the procedures, lexicon.yaml and portal-only.yaml.
import { loadCatalogue, type Catalogue } from '../catalogue/loader';
import type { CatalogueProblem } from '../catalogue/problems';
import { SearchIndex } from './index';
import { loadPortalOnly } from '../catalogue/portal-only';
import { EMPTY_LEXICON, LexiconError, loadLexicon, shippedLexicon, type Lexicon } from './lexicon';

export interface LoadedSearch {
  catalogue: Catalogue;
  index: SearchIndex;
  /** Problems in lexicon.yaml (the index then reads questions with the shipped lexicon) or portal-only.yaml. */
  problems: CatalogueProblem[];
}

/** Whatever loaded cleanly is searchable; catalogue problems are `motcua validate`'s job. */
export async function loadSearch(dir: string, catalogue?: Catalogue): Promise<LoadedSearch> {
  const cat = catalogue ?? (await loadCatalogue(dir)).catalogue;
  let lexicon: Lexicon = EMPTY_LEXICON;
  let problems: CatalogueProblem[] = [];
  try {
    lexicon = await loadLexicon(dir);
  } catch (error) {
    if (!(error instanceof LexiconError)) throw error;
    problems = [...error.problems];
    lexicon = shippedLexicon();
  }
  // Portal-only names are an aid: a broken file is reported, and search runs without it.
  const portalOnly = await loadPortalOnly(dir);
  problems.push(...portalOnly.problems);
  return { catalogue: cat, index: SearchIndex.build(cat.procedures, lexicon, portalOnly.entries), problems };
}
