// C identifier rules for generated code: every symbol carries the user's prefix and none may collide with a C
// keyword or a macro that Arduino.h / binary.h define (B1, PI, min, HIGH...).
import { ErrorCode, TinyDeployError } from '../api/index.js';

const C_KEYWORDS = [
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float',
  'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof',
  'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while', '_Bool', '_Complex',
  '_Imaginary', 'bool', 'true', 'false', 'class', 'new', 'delete', 'this', 'template', 'namespace', 'operator',
];

/** Names Arduino.h and its includes define as macros or globals (binary.h's B0…B11111111 are matched by pattern). */
const ARDUINO_NAMES = [
  'HIGH', 'LOW', 'INPUT', 'OUTPUT', 'INPUT_PULLUP', 'PI', 'HALF_PI', 'TWO_PI', 'DEG_TO_RAD', 'RAD_TO_DEG', 'EULER',
  'SERIAL', 'DISPLAY', 'LSBFIRST', 'MSBFIRST', 'CHANGE', 'FALLING', 'RISING', 'DEFAULT', 'EXTERNAL', 'INTERNAL',
  'INTERNAL1V1', 'INTERNAL2V56', 'min', 'max', 'abs', 'constrain', 'round', 'radians', 'degrees', 'sq', 'lowByte',
  'highByte', 'bitRead', 'bitSet', 'bitClear', 'bitWrite', 'bit', 'interrupts', 'noInterrupts', 'setup', 'loop',
  'main', 'Serial', 'String', 'word', 'boolean', 'byte', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'LED_BUILTIN',
  'F_CPU', 'NOT_A_PIN', 'NOT_A_PORT', 'NUM_DIGITAL_PINS', 'NUM_ANALOG_INPUTS', 'PROGMEM', 'F',
];

const RESERVED = new Set([...C_KEYWORDS, ...ARDUINO_NAMES]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be a generated C identifier, or undefined when it can. */
export function identifierProblem(name: string): string | undefined {
  if (!IDENT.test(name)) return `"${name}" is not a C identifier (letters, digits and _, not starting with a digit)`;
  if (name.length > 63) return `"${name}" is longer than 63 characters`;
  if (RESERVED.has(name)) return `"${name}" is a C keyword or an Arduino macro`;
  if (/^B[01]{1,8}$/.test(name)) return `"${name}" is a binary.h macro of the Arduino core`;
  if (/^_[A-Z_]/.test(name) || name.includes('__')) return `"${name}" is reserved for the compiler (leading _X or __)`;
  if (/^td_/i.test(name)) return `"${name}" uses the td_ prefix reserved for TinyDeploy's kernels`;
  return undefined;
}

/** Validates the model prefix; the prefix itself and every name built from it must be usable identifiers. */
export function validatePrefix(prefix: string): void {
  const problem = identifierProblem(prefix) ?? identifierProblem(`${prefix}_invoke`) ?? identifierProblem(prefix.toUpperCase());
  if (problem !== undefined) {
    throw new TinyDeployError(ErrorCode.InvalidArgument, `invalid model prefix: ${problem}`, {
      advice: 'Choose a prefix such as "model" or "kws": lower-case letters, digits and _, starting with a letter.',
    });
  }
}

/** Asserts every generated identifier is valid and prefixed; a failure here is a bug in codegen. */
export function checkGeneratedNames(prefix: string, names: readonly string[]): void {
  for (const n of names) {
    const problem = identifierProblem(n);
    const prefixed = n.startsWith(`${prefix}_`) || n.startsWith(`${prefix.toUpperCase()}_`);
    if (problem !== undefined || !prefixed) {
      throw new TinyDeployError(ErrorCode.Internal, `generated identifier ${n} is invalid: ${problem ?? 'missing the prefix'}`);
    }
  }
}
