// Builds the search index from a catalogue directory: the procedures and synonyms.yaml.
import { loadCatalogue, type Catalogue } from '../catalogue/loader';
import type { CatalogueProblem } from '../catalogue/problems';
import { SearchIndex } from './index';
import { loadPortalOnly } from '../catalogue/portal-only';
import { loadSynonyms, SynonymsError, type SynonymEntry } from './synonyms';

export interface LoadedSearch {
  catalogue: Catalogue;
  index: SearchIndex;
  /** Problems in synonyms.yaml; the index is then built without synonyms rather than not at all. */
  problems: CatalogueProblem[];
}

/** Whatever loaded cleanly is searchable; catalogue problems are `motcua validate`'s job. */
export async function loadSearch(dir: string, catalogue?: Catalogue): Promise<LoadedSearch> {
  const cat = catalogue ?? (await loadCatalogue(dir)).catalogue;
  let synonyms: SynonymEntry[] = [];
  let problems: CatalogueProblem[] = [];
  try {
    synonyms = await loadSynonyms(dir);
  } catch (error) {
    if (!(error instanceof SynonymsError)) throw error;
    problems = [...error.problems];
  }
  // Portal-only names are an aid: a broken file is reported, and search runs without it.
  const portalOnly = await loadPortalOnly(dir);
  problems.push(...portalOnly.problems);
  return { catalogue: cat, index: SearchIndex.build(cat.procedures, synonyms, portalOnly.entries), problems };
}
