import sys
import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.neural_network import MLPClassifier
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, "/work/cache/s16-polnear")
from feats import vectors
from mdl import Det, sub
rows, V = vectors("train")
y = np.array([r["label"] for r in rows]); doc = np.array([r["doc"] for r in rows])
fit = doc >= 300
T = V["tok"]
# kNN: mean label of the 20 nearest training tokens by cosine (fit part only)
S = T[~fit] @ T[fit].T
yf = y[fit]
for k in (10, 30):
    nn = np.argsort(-S, axis=1)[:, :k]
    knn = yf[nn].mean(1)
    print("kNN", k, "AP first300", round(average_precision_score(y[~fit], knn), 3), flush=True)
# stacking: keys LR + vector LR score (cross-fitted on fit part) as one feature
for alpha in (1e-2, 1e-1, 1.0):
    m = MLPClassifier(hidden_layer_sizes=(64,), alpha=alpha, max_iter=300, early_stopping=True, random_state=0)
    m.fit(T[fit], y[fit])
    print("MLP tok alpha", alpha, "AP first300", round(average_precision_score(y[~fit], m.predict_proba(T[~fit])[:, 1]), 3), flush=True)
lr = LogisticRegression(C=0.01, max_iter=3000).fit((T[fit]-T[fit].mean(0))/T[fit].std(0), y[fit])
print("LR tok only AP first300", round(average_precision_score(y[~fit], lr.predict_proba((T[~fit]-T[fit].mean(0))/T[fit].std(0))[:, 1]), 3))
