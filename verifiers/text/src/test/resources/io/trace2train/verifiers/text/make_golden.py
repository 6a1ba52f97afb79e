"""Regenerates the golden files beside this script from NLTK 3.8 (Debian's python3-nltk 3.8-1).

Run from this folder: python3 make_golden.py /path/to/shared/data/ifeval
The Punkt model is the exported english.json of the main resources, so no nltk_data download is needed.
Offsets are UTF-16 indices, as Java strings use.
"""
import hashlib
import json
import random
import sys
from collections import defaultdict

from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

MODEL = "../../../../../../main/resources/io/trace2train/verifiers/punkt/english.json"

model = json.load(open(MODEL, encoding="utf-8"))
params = PunktParameters()
params.abbrev_types = set(model["abbrev_types"])
params.collocations = set(tuple(pair) for pair in model["collocations"])
params.sent_starters = set(model["sent_starters"])
params.ortho_context = defaultdict(int, model["ortho_context"])
punkt = PunktSentenceTokenizer(params)
treebank = NLTKWordTokenizer()


def utf16(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


def spans(text):
    return [[utf16(text, s), utf16(text, e)] for s, e in punkt.span_tokenize(text)]


def tokens(text):
    return [token for sentence in punkt.tokenize(text) for token in treebank.tokenize(sentence)]


def fuzz_texts(count):
    pieces = list("aAbB. ?!\n\"'()[]{}<>-:;,*`«»“”‘’„…0123456789 \t\u00a0\u2028\u0085\x1cxyzXYZ") + [
        "Mr.", "Dr.", "U.S.", "e.g.", " I ", "cannot", "n't", "'s", "--", "...", "Jan.", "p.m.", "J.", "5.",
        "However", "The", "gonna", "'tis", "ſ", "İ", "𝐀.", "½."]
    rnd = random.Random(20240715)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40))) for _ in range(count)]


with open("punkt_golden_fuzz.jsonl", "w", encoding="utf-8") as out:
    for text in fuzz_texts(1000):
        out.write(json.dumps({"text": text, "spans": spans(text), "tokens": tokens(text)}, ensure_ascii=False) + "\n")

with open("punkt_golden_gpt4.jsonl", "w", encoding="utf-8") as out:
    for line in open(sys.argv[1] + "/responses_gpt4.jsonl", encoding="utf-8"):
        response = json.loads(line)["response"]
        joined = "\n".join(tokens(response)).encode("utf-8")
        out.write(json.dumps({"spans": spans(response), "tokens_sha256": hashlib.sha256(joined).hexdigest()}) + "\n")
