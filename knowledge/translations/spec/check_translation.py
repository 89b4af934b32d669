#!/usr/bin/env python3
"""Checks one language's translation folder against the sources: every id and key present,
placeholders ({0}), links, phone numbers and 112/90101/1177 preserved. Usage: check_translation.py LANG"""
import sys, re, yaml
lang = sys.argv[1]
base = f'/work/translations/{lang}'
src_e = yaml.safe_load(open('/work/translations-source-entries.yaml'))['entries']
src_m = yaml.safe_load(open('/work/translations-source-messages.yaml'))['messages']
src_f = yaml.safe_load(open('/work/translations-source-facilities.yaml'))['facilities']
problems = []
def keep(src, dst, where):
    for pat in [r'\{\d\}', r'\]\([^)]+\)', r'\b(112|90101|1177)\b', r'\d{2,3}-\d{3} \d{2} \d{2}', r'[\w.]+@[\w.]+\.\w+', r'https?://\S+']:
        for m in re.findall(pat, src):
            if m not in (dst or ''):
                problems.append(f'{where}: "{m}" from the source is missing')
try:
    e = (yaml.safe_load(open(f'{base}/entries.yaml')) or {}).get('entries', {})
except Exception as ex:
    e = {}; problems.append(f'entries.yaml: {ex}')
for id_, s in src_e.items():
    t = e.get(id_)
    if not t or not t.get('answer'):
        problems.append(f'entries.yaml: {id_} has no answer'); continue
    keep(s['answer_sv'], t['answer'], f'entries.yaml {id_}')
    if lang != 'sv-easy' and len(t.get('questions') or []) < 3:
        problems.append(f'entries.yaml: {id_} needs 3 questions')
    if s.get('periods'):
        if len(t.get('periods') or []) != len(s['periods']):
            problems.append(f'entries.yaml: {id_} needs {len(s["periods"])} periods')
        else:
            for i, p in enumerate(s['periods']): keep(p['sv'], t['periods'][i], f'entries.yaml {id_} period {i}')
for id_ in e:
    if id_ not in src_e: problems.append(f'entries.yaml: unknown entry {id_}')
try:
    m = (yaml.safe_load(open(f'{base}/messages.yaml')) or {}).get('messages', {})
except Exception as ex:
    m = {}; problems.append(f'messages.yaml: {ex}')
for k, s in src_m.items():
    if not m.get(k): problems.append(f'messages.yaml: {k} missing'); continue
    keep(s['sv'], m[k], f'messages.yaml {k}')
try:
    f = (yaml.safe_load(open(f'{base}/facilities.yaml')) or {}).get('facilities', {})
except Exception as ex:
    f = {}; problems.append(f'facilities.yaml: {ex}')
for k in src_f:
    if not f.get(k): problems.append(f'facilities.yaml: {k} missing')
for p in problems[:60]: print(p)
print(f'{len(problems)} problems; {len(e)}/{len(src_e)} entries, {len(m)}/{len(src_m)} messages, {len(f)}/{len(src_f)} facility texts')
sys.exit(1 if problems else 0)
