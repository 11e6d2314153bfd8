// The YAML dialect of catalogue files: YAML 1.2 core, except that a plain `1.001193` is read
// as the procedure code it is, not as the number 1.001193 (which would also drop the trailing
// zeros of codes like 1.000100). Dates like 2026-11-24 stay strings, as the schema expects.
import yaml from 'js-yaml';

// js-yaml exports its built-in types at runtime; @types/js-yaml does not declare them.
const { types } = yaml as typeof yaml & { types: Record<'null' | 'bool' | 'int' | 'float', yaml.Type> };

const PROCEDURE_CODE = /^\d\.\d{6}$/;

/** Listed before the numeric types, so it wins for code-shaped scalars only. */
const procedureCode = new yaml.Type('tag:yaml.org,2002:str', {
  kind: 'scalar',
  resolve: (data: string) => PROCEDURE_CODE.test(data),
  construct: (data: string) => data,
});

export const CATALOGUE_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [procedureCode, types.null, types.bool, types.int, types.float],
});
