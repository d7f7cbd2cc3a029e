// The simulator's audiences and personas by name. The engine writes them
// once (engine/words, through the Simulation service) for the window and
// the command line; the window keeps no copy. Until they have arrived, or
// for an audience or persona from a file, a slug reads as its words.
import { useEffect } from 'react';
import { create } from 'zustand';
import * as Simulation from '../../wailsjs/go/app/Simulation';
import type { Lang, Text } from '../api/types';
import { useSettings } from '../stores/settings';
import { tx } from './dict';

/** SimNames are the audiences' names and descriptions and the personas' names, by slug. */
export interface SimNames {
  audiences: Record<string, { title: Text; help: Text }>;
  personas: Record<string, Text>;
}

interface SimNamesState {
  names: SimNames | null;
  loading: boolean;
  load(): Promise<void>;
}

/** The screen's "my real contacts" is the engine's audience "contacts". */
const engineSlug = (slug: string) => (slug === 'real' ? 'contacts' : slug);

const words = (slug: string) => slug.replace(/[-_]/g, ' ');

export const useSimNames = create<SimNamesState>()((set, get) => ({
  names: null,
  loading: false,
  async load() {
    if (get().names || get().loading) return;
    set({ loading: true });
    try {
      const names = (await Simulation.SimulationNames()) as unknown as SimNames;
      set({ names, loading: false });
    } catch {
      // No engine (a unit test): slugs read as words.
      set({ loading: false });
    }
  },
}));

/** setSimNames gives the names directly (tests). */
export function setSimNames(names: SimNames | null): void {
  useSimNames.setState({ names, loading: false });
}

/** audienceName is an audience's name in lang ("real" is the workspace's contacts). */
export function audienceName(lang: Lang, slug: string): string {
  const a = useSimNames.getState().names?.audiences[engineSlug(slug)];
  return a ? tx(a.title, lang) : words(slug);
}

/** audienceHelp says who an audience's contacts are, in lang; empty when unknown. */
export function audienceHelp(lang: Lang, slug: string): string {
  const a = useSimNames.getState().names?.audiences[engineSlug(slug)];
  return a ? tx(a.help, lang) : '';
}

/** personaName is a persona's name in lang. */
export function personaName(lang: Lang, slug: string): string {
  const p = useSimNames.getState().names?.personas[slug];
  return p ? tx(p, lang) : words(slug);
}

/**
 * useSimName gives components the three writers in the UI language; it
 * asks the engine for the names once and draws again when they arrive.
 */
export function useSimName(): { audience: (slug: string) => string; help: (slug: string) => string; persona: (slug: string) => string } {
  const lang = useSettings((s) => s.lang);
  useSimNames((s) => s.names);
  useEffect(() => {
    void useSimNames.getState().load();
  }, []);
  return {
    audience: (slug) => audienceName(lang, slug),
    help: (slug) => audienceHelp(lang, slug),
    persona: (slug) => personaName(lang, slug),
  };
}
