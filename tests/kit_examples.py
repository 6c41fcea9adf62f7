"""Formulas used by the kit's tests (a formula's source must be in a file to be translated)."""

import math

from amazon_case.kit import clamp, formula

DAYS = 365
LABEL = "it's"


@formula
def contribution(fee, orders, cost, spend, margin):
    """Fee plus margin on the extra spend, less the deliveries."""
    return fee + spend * margin - orders * cost


@formula
def with_locals(a, b):
    twice = 2 * a
    return twice - b / DAYS


@formula
def branches(x, low, high):
    return "low" if x < low else ("high" if x > high else "in between")


@formula
def chained(x):
    return 0 < x <= 1 and not x == 0.5


@formula
def functions(x, y):
    return min(x, y, 3) + max(x, y) + abs(x - y) + pow(x, 2) + x ** 0.5 + clamp(y, 0, 1) + math.sqrt(x) \
        + math.exp(0) + math.log(1)


@formula
def composed(fee, orders, cost, spend, margin):
    return contribution(fee, orders, cost, spend, margin) * 2


@formula
def sentence(share, amount):
    return f"At {share:.0%}, {LABEL:s} USD {amount:,.2f}" + (" (gain)" if amount >= 0 else " (loss)")


@formula
def negative_power(x):
    return -x ** 2


@formula
def share_of_price(amount, price):
    return amount / price
