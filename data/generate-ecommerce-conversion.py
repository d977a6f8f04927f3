#!/usr/bin/env python3
"""Generates data/ecommerce-conversion.csv: a small synthetic e-commerce conversion dataset (ours, not
fetched from anywhere) that proves the pipeline is not tied to AI4I: string categoricals, TRUE/FALSE booleans,
a quoted text column with commas, and a leaky column (checkout_completed). Deterministic: python3 this-file."""
import csv, math, os, random

random.seed(20201)
SOURCES = [("organic", 0.35), ("paid_search", 0.25), ("social", 0.2), ("email", 0.1), ("direct", 0.1)]
DEVICES = [("desktop", 0.45), ("mobile", 0.45), ("tablet", 0.1)]
COUNTRIES = [("US", 0.4), ("DE", 0.2), ("GB", 0.15), ("FR", 0.15), ("IN", 0.1)]
PAGES = ["Home", "Shoes, sale", "Bags", "Gifts, under $50", "Outdoor \"Summer\" collection"]


def pick(options):
    u, total = random.random(), 0.0
    for value, share in options:
        total += share
        if u < total:
            return value
    return options[-1][0]


rows = []
for i in range(1, 2001):
    source, device, country = pick(SOURCES), pick(DEVICES), pick(COUNTRIES)
    returning = random.random() < 0.3
    pages = max(1, int(random.lognormvariate(1.4, 0.6)))
    seconds = round(max(5.0, pages * random.lognormvariate(3.6, 0.5)), 1)
    cart = round(max(0.0, random.gauss(60, 35)), 2) if random.random() < 0.6 else 0.0
    discount = random.random() < 0.25
    score = (-4.2 + 0.25 * pages + 0.9 * returning + 0.8 * discount + 0.012 * cart
             + {"email": 0.9, "paid_search": 0.4, "direct": 0.3, "organic": 0.0, "social": -0.4}[source]
             + {"desktop": 0.3, "mobile": -0.2, "tablet": 0.0}[device])
    converted = random.random() < 1 / (1 + math.exp(-score))
    checkout = converted if random.random() < 0.99 else not converted
    rows.append([f"S{i:05d}", source, device, country, random.choice(PAGES), "TRUE" if returning else "FALSE",
                 pages, seconds, cart, "TRUE" if discount else "FALSE", "TRUE" if checkout else "FALSE",
                 "TRUE" if converted else "FALSE"])

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ecommerce-conversion.csv")
with open(path, "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["session_id", "traffic_source", "device", "country", "landing_page", "returning_visitor",
                     "pages_viewed", "time_on_site_sec", "cart_value", "discount_shown", "checkout_completed",
                     "converted"])
    writer.writerows(rows)
print(f"wrote {len(rows)} rows to {path}, {sum(r[-1] == 'TRUE' for r in rows)} converted")
