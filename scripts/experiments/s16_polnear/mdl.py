import numpy as np
from collections import Counter
from scipy import sparse
from sklearn.linear_model import LogisticRegression

def keys_of(r, lemma=False):
    k = list(r["keys"])
    if lemma:
        k.append("lemma=" + r["lemma"])
    return k

class Det:
    def __init__(self, names, lemma=False, C=0.05, min_count=5):
        self.names, self.lemma, self.C, self.min_count = names, lemma, C, min_count
    def _X(self, rows, V):
        ks = [keys_of(r, self.lemma) for r in rows]
        cells = [(i, self.cols[k]) for i, kk in enumerate(ks) for k in sorted(set(kk)) if k in self.cols]
        parts = [sparse.csr_matrix((np.ones(len(cells)), ([a for a, _ in cells], [b for _, b in cells])), shape=(len(rows), len(self.cols)))]
        for n in self.names:
            parts.append(sparse.csr_matrix((V[n] - self.mu[n]) / self.sd[n]))
        return sparse.hstack(parts).tocsr()
    def fit(self, rows, V, y):
        counts = Counter(k for r in rows for k in set(keys_of(r, self.lemma)))
        self.cols = {k: i for i, k in enumerate(sorted(k for k, n in counts.items() if n >= self.min_count))}
        self.mu = {n: V[n].mean(0) for n in self.names}
        self.sd = {}
        for n in self.names:
            s = V[n].std(0); s[s == 0] = 1; self.sd[n] = s
        self.m = LogisticRegression(C=self.C, max_iter=3000).fit(self._X(rows, V), y)
        return self
    def predict(self, rows, V):
        return self.m.predict_proba(self._X(rows, V))[:, 1]

def sub(rows, V, mask):
    idx = np.nonzero(mask)[0]
    return [rows[i] for i in idx], {n: v[idx] for n, v in V.items()}

def threshold(rows, V, y, names, lemma, C, precision=0.45):
    doc = np.array([r["doc"] for r in rows])
    p = np.zeros(len(y))
    for h in (0, 1):
        fr, fv = sub(rows, V, doc % 2 != h)
        sr, sv = sub(rows, V, doc % 2 == h)
        p[doc % 2 == h] = Det(names, lemma, C).fit(fr, fv, y[doc % 2 != h]).predict(sr, sv)
    for cut in range(5, 100):
        ch = p >= cut / 100
        if ch.any() and y[ch].mean() >= precision:
            return cut / 100
    return 1.0
