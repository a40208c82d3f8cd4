#!/usr/bin/env python3
"""Writes triage-benchmark.dmn: a COLLECT table with 10 inputs and 32 rules shaped like the VUPE
triage (ranges, string lists, booleans, '-'), for bench/dmn.sh. Not the real triage decision."""
import random
random.seed(7)
inputs = [("edad", "number"), ("situacion", "string"), ("mesesSinEmpleo", "number"), ("nivelEducativo", "string"),
          ("experienciaCertificada", "boolean"), ("emprende", "boolean"), ("etapaNegocio", "string"),
          ("migrante", "boolean"), ("discapacidad", "boolean"), ("interesCapacitacion", "boolean")]
services = ["informacion-mercado", "acercamiento-empresarial", "orientacion-vocacional", "capacitacion-laboral",
            "capacitacion-emprendimiento", "orientacion-emprendimiento", "bolsa-trabajo", "asesoria-busqueda",
            "certificado-unico-laboral", "empleo-temporal", "certificacion-competencias", "orientacion-migrante"]
def entry(name, kind):
    if random.random() < 0.55: return "-"
    if kind == "number":
        lo = random.choice([15, 18, 25, 30, 45]) if name == "edad" else random.choice([0, 3, 6, 12])
        return random.choice([f"[{lo}..{lo + 14}]", f">= {lo}", f"< {lo + 10}"])
    if kind == "boolean": return random.choice(["true", "false"])
    values = {"situacion": ["desempleado", "empleado", "subempleado"], "nivelEducativo": ["primaria", "secundaria", "tecnica", "universitaria"],
              "etapaNegocio": ["idea", "inicio", "marcha"]}[name]
    return ", ".join(f'"{v}"' for v in random.sample(values, random.choice([1, 2])))
rows = []
for r in range(32):
    cells = "".join(f'<inputEntry><text>{entry(n, k).replace("<", "&lt;").replace(">", "&gt;")}</text></inputEntry>' for n, k in inputs)
    rows.append(f'      <rule id="r{r + 1}">{cells}<outputEntry><text>"{services[r % len(services)]}"</text></outputEntry></rule>')
xml = f'''<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="triage-benchmark" name="triage-benchmark" namespace="http://vupecases.pe/bench">
''' + "".join(f'  <inputData id="in_{n}" name="{n}"><variable name="{n}" typeRef="{k}"/></inputData>\n' for n, k in inputs) + '''  <decision id="servicios" name="servicios">
''' + "".join(f'    <informationRequirement><requiredInput href="#in_{n}"/></informationRequirement>\n' for n, _ in inputs) + '''    <decisionTable hitPolicy="COLLECT">
''' + "".join(f'      <input label="{n}"><inputExpression typeRef="{k}"><text>{n}</text></inputExpression></input>\n' for n, k in inputs) + '''      <output name="servicio" typeRef="string"/>
''' + "\n".join(rows) + '''
    </decisionTable>
  </decision>
</definitions>
'''
open(__file__.replace("generate-triage-benchmark.py", "triage-benchmark.dmn"), "w").write(xml)
