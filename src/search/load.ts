// Builds the search index from a catalogue directory: the procedures and synonyms.yaml.
import { loadCatalogue, type Catalogue } from '../catalogue/loader';
import { SearchIndex } from './index';
import { loadSynonyms } from './synonyms';

export interface LoadedSearch {
  catalogue: Catalogue;
  index: SearchIndex;
}

/** For commands: whatever loaded cleanly is searchable; catalogue problems are `motcua validate`'s job. */
export async function loadSearch(dir: string, catalogue?: Catalogue): Promise<LoadedSearch> {
  const cat = catalogue ?? (await loadCatalogue(dir)).catalogue;
  const synonyms = await loadSynonyms(dir);
  return { catalogue: cat, index: SearchIndex.build(cat.procedures, synonyms) };
}
