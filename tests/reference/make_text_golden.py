#!/usr/bin/env python3
"""Golden tokenizations for tests/engine/data/text/test_tokenizers.cpp (run with Debian's python3; needs
python3-sentencepiece):

- corpus.txt: seeded notes in English (with misspellings) and Chinese, the training text of both sides;
- subwords_unigram.json / subwords_bpe.json: SentencePiece trained here on corpus.txt with exactly the options
  Fusebench's `subwords` tokenizer passes (engine/data/text/subword_model.cpp), its pieces, and the ids and
  pieces of probe texts: Fusebench, training the same library on the same text, must get the same model;
- pretrained.model + pretrained.json: a SentencePiece model with SentencePiece's own default ids (0 = <unk>; no
  normalization, to keep the file small),
  as a pretrained model file would have, and Python's encodings of the probe texts with it;
- vocab.txt + wordpiece.json: an uncased BERT-style vocabulary and a reference WordPiece written here from
  google-research/bert's tokenization.py (BasicTokenizer + WordpieceTokenizer), with the probe texts' pieces.

python3 tests/reference/make_text_golden.py   (writes tests/reference/golden/text/)
"""
import io
import json
import os
import random
import unicodedata

import sentencepiece as spm

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "text")

ENGLISH = ["patient", "reports", "mild", "cough", "fever", "chest", "pain", "shortness", "of", "breath", "no",
           "history", "the", "lungs", "are", "clear", "pneumonia", "fracture", "normal", "findings", "follow", "up",
           "in", "two", "weeks", "opacity", "right", "lower", "lobe", "consistent", "with", "infection"]
MISSPELT = {"pneumonia": ["pneumona", "pnuemonia"], "fracture": ["fractur", "fracure"], "patient": ["patiant"]}
CHINESE = ["患者", "主诉", "咳嗽", "发热", "胸痛", "气短", "无", "既往史", "双肺", "清晰", "肺炎", "骨折", "正常",
           "右下肺", "可见", "斑片影", "考虑", "感染", "两周后", "复查", "报告", "影像", "未见", "异常"]
PROBES = [
    "Patient reports mild cough and fever.",
    "No pneumona in the right lower lobe; follow-up in 2 weeks.",
    "Crème brûlée, naïve café — déjà vu!",
    "患者主诉咳嗽，右下肺可见斑片影，考虑肺炎。",
    "ＣＴ：双肺清晰（正常）",
    "The X-ray shows 肺炎 (pneumonia)… unbelievablyextraordinarilylongwordthatnobodywrites",
    "e-mail: dr.smith@example.org, tel. +49 30 1234",
    "",
]


def corpus(seed=20261202, lines=400):
    rng = random.Random(seed)
    out = []
    for i in range(lines):
        if i % 2 == 0:
            words = [rng.choice(ENGLISH) for _ in range(rng.randint(5, 14))]
            words = [rng.choice(MISSPELT[w]) if w in MISSPELT and rng.random() < 0.2 else w for w in words]
            words[0] = words[0].capitalize()
            out.append(" ".join(words) + rng.choice([".", "!", "?", ";"]))
        else:
            out.append("".join(rng.choice(CHINESE) for _ in range(rng.randint(4, 10))) + rng.choice(["。", "，", "！"]))
    return out


# The options of engine/data/text/subword_model.cpp's SubwordModel::train, but vocab_size and model_type.
def fusebench_options(vocab_size, model_type):
    return dict(model_type=model_type, vocab_size=vocab_size, hard_vocab_limit=False,
                normalization_rule_name="nmt_nfkc_cf", character_coverage=0.9995, pad_id=0, unk_id=1, bos_id=-1,
                eos_id=-1, max_sentence_length=1048576, num_threads=1, minloglevel=2)


def train(texts, **options):
    spm.set_random_generator_seed(17)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter([t for t in texts if t]), model_writer=model, **options)
    return model.getvalue()


def encodings(model_bytes):
    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    cases = []
    for text in PROBES:
        proto = sp.encode(text, out_type="immutable_proto")
        cases.append({"text": text, "ids": [p.id for p in proto.pieces], "pieces": [p.piece for p in proto.pieces],
                      "spans": [[p.begin, p.end] for p in proto.pieces]})
    return sp, cases


# ---- WordPiece, after google-research/bert tokenization.py ----
def is_whitespace(c):
    return c in " \t\n\r" or unicodedata.category(c) == "Zs"


def is_control(c):
    return c not in "\t\n\r" and unicodedata.category(c).startswith("C")


def is_punctuation(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def is_cjk(cp):
    return any(a <= cp <= b for a, b in [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
                                         (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)])


def basic_tokenize(text, lower):
    text = "".join(" " if is_whitespace(c) else c for c in text if ord(c) not in (0, 0xFFFD) and not is_control(c))
    text = "".join(f" {c} " if is_cjk(ord(c)) else c for c in text)
    out = []
    for token in text.split():
        if lower:
            token = "".join(c for c in unicodedata.normalize("NFD", token.lower()) if unicodedata.category(c) != "Mn")
        word = []
        for c in token:
            if is_punctuation(c):
                if word:
                    out.append("".join(word))
                out.append(c)
                word = []
            else:
                word.append(c)
        if word:
            out.append("".join(word))
    return out


def wordpiece(tokens, vocab, unk="[UNK]", max_chars=100):
    out = []
    for token in tokens:
        chars = list(token)
        if len(chars) > max_chars:
            out.append(unk)
            continue
        pieces, start, bad = [], 0, False
        while start < len(chars):
            end, found = len(chars), None
            while start < end:
                sub = ("##" if start > 0 else "") + "".join(chars[start:end])
                if sub in vocab:
                    found = sub
                    break
                end -= 1
            if found is None:
                bad = True
                break
            pieces.append(found)
            start = end
        out.extend([unk] if bad else pieces)
    return out


def wordpiece_vocabulary(texts):
    # Whole frequent words, their first four letters, "##" continuations of every word's tail of 3 and of every
    # letter, and the single characters: enough for greedy longest-match to have choices to make.
    words = {}
    for t in texts:
        for w in basic_tokenize(t, True):
            words[w] = words.get(w, 0) + 1
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    frequent = sorted(words, key=lambda w: (-words[w], w))
    vocab += [w for w in frequent[:40]]
    for w in sorted(words):
        if len(w) > 4:
            vocab += [w[:4], "##" + w[-3:]]
        vocab += list(w) + ["##" + c for c in w]
    seen, unique = set(), []
    for v in vocab:
        if v not in seen:
            seen.add(v)
            unique.append(v)
    return unique


def main():
    os.makedirs(OUT, exist_ok=True)
    texts = corpus()
    with open(os.path.join(OUT, "corpus.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(texts) + "\n")
    for kind in ["unigram", "bpe"]:
        options = fusebench_options(300, kind)
        model = train(texts, **options)
        sp, cases = encodings(model)
        pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        with open(os.path.join(OUT, f"subwords_{kind}.json"), "w", encoding="utf-8") as f:
            json.dump({"options": options, "seed": 17, "pieces": pieces, "cases": cases}, f, ensure_ascii=False, indent=1)
    # A "pretrained" model: SentencePiece's defaults (unk 0, bos 1, eos 2, no padding).
    model = train(texts, model_type="unigram", vocab_size=250, hard_vocab_limit=False, minloglevel=2, num_threads=1,
                  normalization_rule_name="identity")  # no normalization table: a small file
    with open(os.path.join(OUT, "pretrained.model"), "wb") as f:
        f.write(model)
    sp, cases = encodings(model)
    with open(os.path.join(OUT, "pretrained.json"), "w", encoding="utf-8") as f:
        json.dump({"pieces": sp.get_piece_size(), "unk_id": sp.unk_id(), "pad_id": sp.pad_id(), "cases": cases}, f,
                  ensure_ascii=False, indent=1)
    vocab = wordpiece_vocabulary(texts)
    with open(os.path.join(OUT, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    ids = {v: i for i, v in enumerate(vocab)}
    cases = []
    for text in PROBES:
        pieces = ["[CLS]"] + wordpiece(basic_tokenize(text, True), ids) + ["[SEP]"]
        cases.append({"text": text, "pieces": pieces, "ids": [ids[p] for p in pieces]})
    with open(os.path.join(OUT, "wordpiece.json"), "w", encoding="utf-8") as f:
        json.dump({"lower_case": True, "cases": cases}, f, ensure_ascii=False, indent=1)
    print(f"wrote {OUT}: {len(texts)} corpus lines, {len(vocab)} WordPiece entries")


if __name__ == "__main__":
    main()
