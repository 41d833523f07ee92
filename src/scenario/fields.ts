/**
 * The numeric fields of a scenario a user can change, with label, unit, range
 * and meaning from the parameter tables: the UI's parameter panel is generated
 * from this list. Paths address array elements by id, as patches do.
 */
import { GRID_SHEET_PARAMS } from '../model/grid-sheet';
import { LIF_PARAMS } from '../model/lif';
import { MODULATOR_PARAMS, POISSON_PARAMS, PROJECTION_PARAMS, RING_PROFILE_PARAMS, STIMULUS_PARAMS, STIMULUS_PLACE_PARAMS, STIMULUS_RANGE_PARAMS, STIMULUS_RING_PARAMS } from '../model/network-params';
import type { ParamSpec, ParamTable } from '../model/params';
import { PLASTICITY_COMMON_PARAMS, PLASTICITY_RULE_PARAMS, SOURCE_PARAMS } from '../model/plasticity-params';
import { RATE_PARAMS } from '../model/rate';
import { AGENT_PARAMS, BOX_PARAMS, GRID_POPULATION_PARAMS, PLACE_POPULATION_PARAMS, TRACK_PARAMS } from '../model/spatial-params';
import type { Scenario } from './schema';

export interface FieldSpec extends ParamSpec {
  readonly path: string;
  readonly name: string;
}

export interface FieldGroup {
  readonly title: string;
  readonly fields: readonly FieldSpec[];
}

const fromTable = (prefix: string, table: ParamTable, only?: readonly string[]): FieldSpec[] =>
  Object.entries(table)
    .filter(([name]) => !only || only.includes(name))
    .map(([name, spec]) => ({ ...spec, name, path: `${prefix}.${name}` }));

export function editableFields(s: Scenario): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const p of s.populations) {
    const table = p.kind === 'lif' ? LIF_PARAMS : p.kind === 'rate' ? RATE_PARAMS : p.kind === 'grid' ? GRID_POPULATION_PARAMS : p.kind === 'place' ? PLACE_POPULATION_PARAMS : p.kind === 'gridSheet' ? GRID_SHEET_PARAMS : SOURCE_PARAMS;
    groups.push({ title: `Population ${p.id} (${p.kind}, ${p.n} cells)`, fields: fromTable(`populations.${p.id}`, table) });
  }
  for (const pr of s.projections) {
    const c = pr.connectivity;
    const fields = fromTable(`projections.${pr.id}`, PROJECTION_PARAMS);
    if (c.kind === 'allToAll' && c.profile.kind === 'ring') fields.push(...fromTable(`projections.${pr.id}.connectivity.profile`, RING_PROFILE_PARAMS));
    groups.push({ title: `Projection ${pr.id} (${pr.from} → ${pr.to}, ${pr.receptor})`, fields });
    if (pr.plasticity) {
      const prefix = `projections.${pr.id}.plasticity`;
      const rule = [...fromTable(prefix, PLASTICITY_RULE_PARAMS[pr.plasticity.rule]), ...fromTable(prefix, PLASTICITY_COMMON_PARAMS)];
      groups.push({ title: `Plasticity of ${pr.id} (${pr.plasticity.rule})`, fields: rule });
    }
  }
  for (const input of s.inputs) {
    groups.push({ title: `Poisson input ${input.id} (→ ${input.target}, ${input.receptor})`, fields: fromTable(`inputs.${input.id}`, POISSON_PARAMS) });
  }
  for (const st of s.stimuli) {
    const fields = fromTable(`stimuli.${st.id}`, STIMULUS_PARAMS);
    if (st.profile.kind === 'ring') fields.push(...fromTable(`stimuli.${st.id}.profile`, STIMULUS_RING_PARAMS));
    if (st.profile.kind === 'range') fields.push(...fromTable(`stimuli.${st.id}.profile`, STIMULUS_RANGE_PARAMS));
    if (st.place) fields.push(...fromTable(`stimuli.${st.id}.place`, STIMULUS_PLACE_PARAMS));
    groups.push({ title: `Stimulus ${st.id} (→ ${st.target})`, fields });
  }
  if (s.agent) {
    const arena = s.agent.arena.kind === 'box' ? fromTable('agent.arena', BOX_PARAMS) : fromTable('agent.arena', TRACK_PARAMS);
    groups.push({ title: `Agent (${s.agent.arena.kind === 'box' ? 'box' : 'linear track'})`, fields: [...fromTable('agent', AGENT_PARAMS), ...arena] });
  }
  groups.push({ title: 'Neuromodulators', fields: fromTable('modulators', MODULATOR_PARAMS) });
  return groups;
}
