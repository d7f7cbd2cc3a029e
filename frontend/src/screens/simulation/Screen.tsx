// The simulation section. Its charts (recharts) and picture export weigh
// about 400 kB: they load the first time the section opens, not at start-up.
import { lazy } from 'react';
import { Section } from '../lazy';

const SimulationView = lazy(() => import('./View').then((m) => ({ default: m.SimulationView })));

export function SimulationScreen() {
  return (
    <Section name="simulate">
      <SimulationView />
    </Section>
  );
}
