#!/usr/bin/env bash
# Loads the harness in headless Chromium (Debian's `chromium` package) for a
# few scenarios and checks the report each one writes into the page.
# Usage: designer/harness/check.sh   (builds nothing: run ../build.sh first if src changed)
set -uo pipefail
cd "$(dirname "$0")"
PORT=${PORT:-5179}
command -v chromium >/dev/null || { echo "chromium not installed (apt-get install -y chromium)"; exit 2; }
node serve.mjs "$PORT" > /tmp/vupe-harness.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
PROFILE=$(mktemp -d)
pass=0; fail=0
report() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PROFILE" \
    --virtual-time-budget=15000 --dump-dom "http://127.0.0.1:$PORT/?$1" 2>/dev/null |
    python3 -c "import sys,re,html; m=re.search(r'<pre id=\"harness-report\">(.*?)</pre>', sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else 'NO REPORT')"
}
expect() { # query, then lines that must appear verbatim in the report
  local q=$1; shift
  local out; out=$(report "$q")
  for want in "$@"; do
    if grep -qF -- "$want" <<<"$out"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL [$q] missing: $want"; fi
  done
}
expect "" "HARNESS DONE" "diagram.svg: true" "diagram.completed: 6" "diagram.taken: 10" "diagram.tokens: 1,2" \
  "diagram.incidents: 1" "diagram.watermark: true" "form.fields: 9" "form.dni: 45678912" \
  "upload.kinds: ∅,dni,declaracion-jurada,cv" "live.focusKept: tarea-42" "live.announcer: Lista actualizada" \
  "charts: chart-bar=bar,chart-doughnut=doughnut" "errors: none"
expect "respond=400&click=complete" "complete.fieldErrors: El DNI no está registrado en RENIEC." \
  "Falta el documento requerido: Declaración jurada." "complete.dniKept: 45678912" "complete.disabledWhileSending: true"
expect "respond=409&click=complete" "complete.notice: Otro usuario cambió esta tarea; recargue."
expect "click=complete" "complete.notice: Tarea completada."
expect "task=43&click=complete" "form.fields: 0" "complete.notice: Tarea completada."
expect "clear=dni&click=complete" "complete.fieldErrors: Este campo es obligatorio."
expect "draft=save" "draft.notice: Borrador guardado en este navegador."
expect "again=1" "form.obs.initial: Borrador de prueba" "Se restauró un borrador guardado"
expect "draft=discard" "draft.afterDiscard: null" "form.obs: "
expect "file=ok" "upload.status: Documento subido correctamente." "Documento recién subido"
expect "file=bad-size" "upload.status: El archivo supera el tamaño máximo permitido (5 MB)."
expect "file=bad-type" "upload.status: Tipo de archivo no permitido para este documento. Tipos aceptados: PDF."
expect "file=rejected" "upload.status: El contenido del archivo no corresponde al tipo declarado."
expect "diagram=999" "diagram.error: No se pudo cargar el diagrama del proceso. Caso no encontrado."
timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PROFILE" --virtual-time-budget=8000 \
  --dump-dom "http://127.0.0.1:$PORT/?respond=401&click=complete" >/dev/null 2>&1
if grep -qF "login redirect returnUrl=/?respond=401&click=complete" /tmp/vupe-harness.log; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL 401 did not go to /ingresar"; fi
grep -q "parts=kind,title,file" /tmp/vupe-harness.log && pass=$((pass+1)) || { fail=$((fail+1)); echo "FAIL multipart order"; }
rm -rf "$PROFILE"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
