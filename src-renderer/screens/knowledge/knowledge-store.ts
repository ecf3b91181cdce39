import { create } from 'zustand';
import type { KbCategory } from '../../../src-shared/contract/kb';

interface KnowledgeState {
  query: string;
  category: KbCategory | null;
  /** The article open; another screen opens one by setting it before going to #/knowledge. */
  articleId: string | null;
  search(query: string): void;
  browse(category: KbCategory | null): void;
  openArticle(id: string | null): void;
}

export const useKnowledgeStore = create<KnowledgeState>()((set) => ({
  query: '',
  category: null,
  articleId: null,
  search: (query) => set({ query }),
  browse: (category) => set({ category, query: '' }),
  openArticle: (articleId) => set({ articleId }),
}));
