// The rules' names for the machine's structure (core/structure): every rule reads the one walk of
// the definition, built once per analysis.
export { isObject } from '../structure';
export type { JsonObject, MachineInfo, StateInfo, Transition, MachineStructure as DefinitionIndex } from '../structure';
