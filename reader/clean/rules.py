"""Named rules: an ordered list of small tests, the first that answers decides.

Where the cleaner reads the page rather than repairs it (is this short block a
caption or a headline? does a paragraph end at this blank line?), it asks an
ordered list of `Rule`s.  Each rule is a small function that answers, or returns
None to let the next one speak; the name of the rule that answered goes into the
decision's evidence, so ``reader clean --explain`` says which rule decided, and
``--skip NAME`` switches one off like a repair (`reader.clean.repairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass


class worked_out_once:  # noqa: N801  (used as a decorator, like functools.cached_property)
    """A property worked out on first reading and kept: `functools.cached_property`
    without the lock it takes on every first reading before Python 3.12, which cost
    the cleaner 6% on pages with many short blocks (the rules read several facts of
    each block; one thread reads a block).

    >>> class Block:
    ...     @worked_out_once
    ...     def words(self):
    ...         print("splitting")
    ...         return "Mike Huckabee".split()
    >>> block = Block()
    >>> block.words, block.words
    splitting
    (['Mike', 'Huckabee'], ['Mike', 'Huckabee'])
    """

    def __init__(self, function: Callable) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True)
class Rule:
    """One named rule: what it looks for and what it decides, and its function."""

    name: str
    tells: str  # one line, for `reader clean --repairs` and the decision's evidence
    function: Callable
    # The name of a quick fact of what the rules are asked about, such as
    # `ShortBlock.stands_apart` (where a headline stands): the rule is asked only when
    # it holds.  One cached test rules most blocks out before any such rule is called.
    asked_when: str | None = None

    @worked_out_once  # a decision a blank line: made once, not every time
    def evidence(self) -> str:
        """The decision's evidence: the rule's name, then what it tells.

        >>> Rule("photo-credit", "a photo credit: a caption", print).evidence
        'photo-credit: a photo credit: a caption'
        """
        return f"{self.name}: {self.tells}"


def rules_in_use(rules: Iterable[Rule], skip: Collection[str]) -> tuple[Rule, ...]:
    """The rules not switched off, in their order (worked out once a page).

    >>> rules = (Rule("a", "", print), Rule("b", "", print))
    >>> [rule.name for rule in rules_in_use(rules, {"a"})]
    ['b']
    """
    return tuple(rule for rule in rules if rule.name not in skip)


def rule_of(decision) -> str | None:
    """The name of the rule a decision's evidence names ("title-case: ..."), if any.

    >>> from reader.clean.decisions import Decision
    >>> rule_of(Decision("display-block", 3, "Mike Huckabee", "headline", "title-case: a few"))
    'title-case'
    >>> rule_of(Decision("join-word", 3, "Ma- | liki", "Maliki")) is None
    True
    """
    name, colon, _ = decision.evidence.partition(": ")
    return name if colon and name and " " not in name else None
