"""全国地方公共団体コード (6 digits: 5-digit code + check digit).

The check digit follows the 総務省 rule: weights 6,5,4,3,2 on the first five digits, remainder of
the sum by 11, and the last digit of (11 - remainder). So remainder 0 gives 1 (苫小牧市 012131) and
remainder 1 gives 0.
"""

from __future__ import annotations


def check_digit(five_digits: str) -> int:
    """Check digit for a 5-digit municipality code."""
    if len(five_digits) != 5 or not five_digits.isdigit():
        raise ValueError(f"expected 5 digits, got {five_digits!r}")
    total = sum(int(d) * w for d, w in zip(five_digits, (6, 5, 4, 3, 2)))
    remainder = total % 11
    return (11 - remainder) % 10


def is_valid_code(code: str) -> bool:
    """True for a well-formed 6-digit code whose check digit is right."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return check_digit(code[:5]) == int(code[5])
