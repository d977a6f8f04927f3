"""The peer of bench/drift.sh: the drift check a data scientist writes with pandas and SciPy (what Evidently does
underneath for numeric and categorical columns): per feature, PSI over ten reference-quantile bins (categories for
Type), the two-sample Kolmogorov-Smirnov test, and the chi-square test of homogeneity for Type."""
import sys
import numpy as np
import pandas as pd
from scipy import stats

reference = pd.read_csv(sys.argv[1])
current = pd.read_csv(sys.argv[2])
numeric = ["Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"]


def psi(ref_counts, cur_counts, eps=1e-4):
    r = np.maximum(ref_counts / ref_counts.sum(), eps)
    c = np.maximum(cur_counts / cur_counts.sum(), eps)
    return float(np.sum((c - r) * np.log(c / r)))


for column in numeric:
    ref, cur = reference[column].to_numpy(), current[column].to_numpy()
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, 11)[1:-1]))
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    ks = stats.ks_2samp(ref, cur)
    print(f"{column}: PSI {psi(ref_counts, cur_counts):.4f}, KS {ks.statistic:.4f}, p {ks.pvalue:.3g}")
categories = sorted(set(reference["Type"]) | set(current["Type"]))
ref_counts = reference["Type"].value_counts().reindex(categories, fill_value=0).to_numpy()
cur_counts = current["Type"].value_counts().reindex(categories, fill_value=0).to_numpy()
chi2, p, _, _ = stats.chi2_contingency(np.vstack([ref_counts, cur_counts]))
print(f"Type: PSI {psi(ref_counts, cur_counts):.4f}, chi-square {chi2:.4f}, p {p:.3g}")
