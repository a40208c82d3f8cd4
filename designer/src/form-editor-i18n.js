// Spanish for the form-js editor's own words, best effort: form-js-editor 1.23 has no translation service for its
// palette or properties panel (its `translate` props always get the English fallback). Two hooks exist and are used:
// the field types' `config` (palette names and the labels new fields get) and the rendered DOM, rewritten where it
// shows one of the known English words (inside the palette and the properties panel; in the canvas only the editor's
// own sentences, never the user's form).

const TYPE_NAMES = {
  textfield: 'Campo de texto', textarea: 'Área de texto', number: 'Número', datetime: 'Fecha y hora', expression: 'Expresión',
  filepicker: 'Selector de archivos', checkbox: 'Casilla', checklist: 'Grupo de casillas', radio: 'Grupo de opciones',
  select: 'Lista desplegable', taglist: 'Lista de etiquetas', text: 'Texto', html: 'Vista HTML', image: 'Imagen',
  table: 'Tabla', iframe: 'iFrame', documentPreview: 'Vista previa de documento', spacer: 'Espaciador', separator: 'Separador',
  group: 'Grupo', dynamiclist: 'Lista dinámica', button: 'Botón'
};

const WORDS = {
  Components: 'Componentes', 'Search components': 'Buscar componentes', 'No components found.': 'No se encontraron componentes.',
  'Clear content': 'Borrar', Input: 'Entrada', Selection: 'Selección', Presentation: 'Presentación', Containers: 'Contenedores',
  Action: 'Acción',
  General: 'General', Validation: 'Validación', Condition: 'Condición', Layout: 'Diseño', Appearance: 'Apariencia',
  Constraints: 'Restricciones', 'Custom properties': 'Propiedades personalizadas', Serialization: 'Serialización',
  Options: 'Opciones', 'Options source': 'Origen de las opciones', 'Static options': 'Opciones fijas',
  'Dynamic options': 'Opciones dinámicas', 'Options expression': 'Expresión de opciones', 'Input values key': 'Clave de los valores',
  'Field label': 'Etiqueta', Label: 'Etiqueta', 'Field description': 'Descripción', Key: 'Clave', ID: 'ID', Type: 'Tipo',
  'Default value': 'Valor por defecto', Required: 'Obligatorio', 'Read only': 'Solo lectura', Disabled: 'Deshabilitado',
  'Minimum length': 'Longitud mínima', 'Maximum length': 'Longitud máxima', Minimum: 'Mínimo', Maximum: 'Máximo',
  'Validation pattern': 'Patrón de validación', 'Custom regular expression': 'Expresión regular', 'Custom error message': 'Mensaje de error',
  Email: 'Correo electrónico', Phone: 'Teléfono', Custom: 'Personalizado', Text: 'Texto', Content: 'Contenido',
  Expression: 'Expresión', Value: 'Valor', Path: 'Ruta', Prefix: 'Prefijo', Suffix: 'Sufijo', Columns: 'Columnas', Auto: 'Automático',
  'Decimal digits': 'Decimales', Increment: 'Incremento', Subtype: 'Subtipo', 'Date label': 'Etiqueta de fecha',
  'Time label': 'Etiqueta de hora', 'Disallow past dates': 'No permitir fechas pasadas', 'Use 24h': 'Formato 24 h',
  Searchable: 'Con búsqueda', Checked: 'Marcada', 'Not checked': 'Sin marcar', 'Hide if': 'Ocultar si', Height: 'Altura',
  'Alternative text': 'Texto alternativo', 'Image source': 'Origen de la imagen', Submit: 'Enviar', Reset: 'Restablecer',
  'Show outline': 'Mostrar contorno', 'Default number of items': 'Elementos por defecto',
  'Allow add/delete items': 'Permitir agregar y quitar elementos', 'Version tag': 'Etiqueta de versión', Create: 'Crear',
  'Delete item': 'Quitar', 'Toggle section': 'Mostrar u ocultar', '<empty>': '<vacío>', '<none>': '<ninguno>',
  Form: 'Formulario', 'Binds to a form variable': 'Variable del formulario a la que se asocia',
  'Select a form field to edit its properties.': 'Seleccione un campo para editar sus propiedades.'
};

// Words the editor's canvas shows in place of the user's form (empty states, templated texts, the select's empty
// value): exact whole texts, so a label the user wrote is never touched unless it is one of these very sentences.
const CANVAS_WORDS = {
  'Build your form': 'Diseñe su formulario',
  'Drag and drop components here to start designing.': 'Arrastre componentes de la paleta hasta aquí para empezar.',
  'Use the preview window to test your form.': 'Pruebe el formulario en la vista previa.',
  'Drag and drop components here.': 'Arrastre componentes hasta aquí.',
  'Text view is templated': 'Texto con plantilla', 'Html view is templated': 'HTML con plantilla',
  Select: 'Seleccione…', Search: 'Buscar'
};

/** A didi module that names the field types in Spanish (palette) and gives new fields a Spanish label. */
function SpanishFieldTypes(formFields) {
  for (const [type, field] of Object.entries(formFields._formFields || {})) {
    const name = TYPE_NAMES[type];
    const config = field && field.config;
    if (!name || !config) continue;
    // The editor's field types are the viewer's components; this bundle has no other viewer user but the preview,
    // which never shows these names, so changing the shared config is contained.
    config.name = name;
    if (typeof config.create === 'function' && !config.__vupeSpanish) {
      const create = config.create;
      config.create = (options = {}) => {
        const created = create(options);
        if (created && typeof created.label === 'string' && !('label' in options)) created.label = name;
        return created;
      };
      config.__vupeSpanish = true;
    }
  }
}
SpanishFieldTypes.$inject = ['formFields'];

export const SpanishEditorModule = {
  __init__: ['vupeSpanishFieldTypes'],
  vupeSpanishFieldTypes: ['type', SpanishFieldTypes]
};

const ATTRIBUTES = ['placeholder', 'title', 'aria-label'];
const SCOPE = '.fjs-palette, .fjs-properties-panel';

function translateText(node) {
  const text = node.nodeValue && node.nodeValue.trim();
  // Writing only real changes keeps the observer from seeing its own writes forever ('General' stays 'General').
  if (!text || !node.parentElement) return;
  const spanish = CANVAS_WORDS[text] || (node.parentElement.closest(SCOPE) ? WORDS[text] : undefined);
  if (spanish && spanish !== text) node.nodeValue = node.nodeValue.replace(text, spanish);
}

function translateElement(element) {
  for (const attribute of ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (!value) continue;
    const created = /^Create an? (.+) element$/.exec(value);
    const spanish = created ? `Agregar: ${created[1]}` : WORDS[value];
    if (spanish && spanish !== value) element.setAttribute(attribute, spanish);
  }
}

function translateTree(node) {
  if (node.nodeType === Node.TEXT_NODE) { translateText(node); return; }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const scopes = node.closest(SCOPE) ? [node] : [...node.querySelectorAll(SCOPE)];
  for (const scope of scopes) {
    for (const element of [scope, ...scope.querySelectorAll('[placeholder], [title], [aria-label]')]) translateElement(element);
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) translateText(t);
}

/** Keeps the editor's palette and properties panel in Spanish for as long as `root` lives. */
export function translateEditor(root) {
  translateTree(root);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') translateText(m.target);
      else if (m.type === 'attributes') { if (m.target.closest(SCOPE)) translateElement(m.target); }
      else m.addedNodes.forEach(translateTree);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  return observer;
}
