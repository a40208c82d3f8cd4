// Spanish texts for form-js's built-in validation messages. form-js 1.23 has
// no translation API, so a didi module wraps the `validator` service and
// rewrites its (English) messages.
const RULES = [
  [/^Field is required\.$/, () => 'Este campo es obligatorio.'],
  [/^Field must match pattern (.*)\.$/, () => 'El valor no tiene el formato esperado.'],
  [/^Field must have minimum value of (.*)\.$/, (m) => `El valor mínimo es ${m[1]}.`],
  [/^Field must have maximum value of (.*)\.$/, (m) => `El valor máximo es ${m[1]}.`],
  [/^Field must have minimum length of (.*)\.$/, (m) => `Debe tener al menos ${m[1]} caracteres.`],
  [/^Field must have maximum length of (.*)\.$/, (m) => `Debe tener como máximo ${m[1]} caracteres.`],
  [/^Field must be a valid\s+international phone number.*$/, () => 'Ingrese un número de teléfono internacional válido (p. ej. +51987654321).'],
  [/^Field must be a valid email\.$/, () => 'Ingrese un correo electrónico válido.']
];

export function translateMessage(msg) {
  if (typeof msg !== 'string') return msg;
  for (const [re, fn] of RULES) {
    const m = msg.match(re);
    if (m) return fn(m);
  }
  return msg;
}

function SpanishValidation(validator) {
  for (const name of ['validateField', 'validateFieldInstance']) {
    const original = validator[name];
    if (typeof original !== 'function') continue;
    validator[name] = function (...args) {
      const errors = original.apply(this, args);
      return Array.isArray(errors) ? errors.map(translateMessage) : errors;
    };
  }
}
SpanishValidation.$inject = ['validator'];

export const SpanishValidationModule = {
  __init__: ['vupeSpanishValidation'],
  vupeSpanishValidation: ['type', SpanishValidation]
};
