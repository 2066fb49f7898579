// The index every rule works on, built once per validation: each (sub-)machine, each state
// with its path, type, effective query language and outgoing transitions.
import type { JsonPath, QueryLanguage } from './types';
import { machineQueryLanguage, stateQueryLanguage } from '../queryLanguage';

export type JsonObject = Record<string, unknown>;

export interface MachineInfo {
  path: JsonPath;
  value: JsonObject;
  /** The Parallel or Map state holding this machine; undefined for the top level. */
  owner: StateInfo | undefined;
  kind: 'root' | 'branch' | 'itemProcessor' | 'iterator';
  /** An ItemProcessor whose ProcessorConfig.Mode is DISTRIBUTED. */
  distributed: boolean;
  states: Map<string, StateInfo>;
}

export interface Transition {
  target: string;
  /** Path of the string naming the target. */
  path: JsonPath;
}

export interface StateInfo {
  name: string;
  path: JsonPath;
  machine: MachineInfo;
  /** The state's object ({} when the state is not an object, which the schema reports). */
  value: JsonObject;
  type: string | undefined;
  queryLanguage: QueryLanguage;
  transitions: Transition[];
  /** Machines nested in this state (Parallel branches, Map processor). */
  children: MachineInfo[];
}

export interface DefinitionIndex {
  root: JsonObject | undefined;
  queryLanguage: QueryLanguage;
  machines: MachineInfo[];
  states: StateInfo[];
  /** Every state of every machine by name (names must be unique in the whole definition). */
  statesByName: Map<string, StateInfo[]>;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function transitionsOf(state: JsonObject, path: JsonPath): Transition[] {
  const result: Transition[] = [];
  const add = (value: unknown, at: JsonPath) => {
    if (typeof value === 'string') result.push({ target: value, path: at });
  };
  add(state.Next, [...path, 'Next']);
  add(state.Default, [...path, 'Default']);
  if (Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => { if (isObject(rule)) add(rule.Next, [...path, 'Choices', i, 'Next']); });
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) => { if (isObject(catcher)) add(catcher.Next, [...path, 'Catch', i, 'Next']); });
  }
  return result;
}

export function buildDefinitionIndex(definition: unknown): DefinitionIndex {
  const root = isObject(definition) ? definition : undefined;
  const queryLanguage = machineQueryLanguage(root);
  const index: DefinitionIndex = { root, queryLanguage, machines: [], states: [], statesByName: new Map() };
  const visit = (value: JsonObject, path: JsonPath, owner: StateInfo | undefined, kind: MachineInfo['kind']) => {
    const processorConfig = value.ProcessorConfig;
    const machine: MachineInfo = {
      path, value, owner, kind, states: new Map(),
      distributed: kind === 'itemProcessor' && isObject(processorConfig) && processorConfig.Mode === 'DISTRIBUTED',
    };
    index.machines.push(machine);
    if (owner) owner.children.push(machine);
    if (!isObject(value.States)) return;
    const created: StateInfo[] = [];
    for (const [name, stateValue] of Object.entries(value.States)) {
      const statePath = [...path, 'States', name];
      const stateObject = isObject(stateValue) ? stateValue : {};
      const state: StateInfo = {
        name, path: statePath, machine, value: stateObject,
        type: typeof stateObject.Type === 'string' ? stateObject.Type : undefined,
        queryLanguage: stateQueryLanguage(stateObject.QueryLanguage, queryLanguage),
        transitions: transitionsOf(stateObject, statePath),
        children: [],
      };
      machine.states.set(name, state);
      index.states.push(state);
      const sameName = index.statesByName.get(name);
      if (sameName) sameName.push(state); else index.statesByName.set(name, [state]);
      created.push(state);
    }
    for (const state of created) {
      const { value: stateObject, path: statePath } = state;
      if (state.type === 'Parallel' && Array.isArray(stateObject.Branches)) {
        stateObject.Branches.forEach((branch, i) => { if (isObject(branch)) visit(branch, [...statePath, 'Branches', i], state, 'branch'); });
      }
      if (state.type === 'Map') {
        if (isObject(stateObject.ItemProcessor)) visit(stateObject.ItemProcessor, [...statePath, 'ItemProcessor'], state, 'itemProcessor');
        if (isObject(stateObject.Iterator)) visit(stateObject.Iterator, [...statePath, 'Iterator'], state, 'iterator');
      }
    }
  };
  if (root) visit(root, [], undefined, 'root');
  return index;
}
