// The rules' names for the machine's structure (core/machineStructure): every rule reads the one walk of
// the definition, built once per analysis.
export { isObject } from '../machineStructure';
export type { JsonObject, MachineInfo, StateInfo, Transition, MachineStructure as DefinitionIndex } from '../machineStructure';
