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

// form-js 1.23 hard-codes a few English words in its widgets (the empty select shows "Select", the taglist and
// searchable selects show a "Search" placeholder). They are rewritten where they appear, also after re-renders.
const WORDS = { Select: 'Seleccione…', Search: 'Buscar', 'No results': 'Sin resultados' };

function translateNode(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.nodeValue && node.nodeValue.trim();
    if (text && WORDS[text]) node.nodeValue = node.nodeValue.replace(text, WORDS[text]);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  for (const el of [node, ...node.querySelectorAll('[placeholder]')]) {
    const p = el.getAttribute && el.getAttribute('placeholder');
    if (p && WORDS[p]) el.setAttribute('placeholder', WORDS[p]);
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) translateNode(t);
}

/** Keeps form-js's own words in Spanish inside `root` for as long as it lives. */
export function translateWidgets(root) {
  translateNode(root);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') translateNode(m.target);
      else if (m.type === 'attributes') translateNode(m.target);
      else m.addedNodes.forEach(translateNode);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] });
  return observer;
}
