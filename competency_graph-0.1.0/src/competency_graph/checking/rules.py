"""Which rules a check runs, and the catalogue in the shape the report renderers take.

The rules themselves are data: :mod:`competency_graph.model.rules`.
"""

from __future__ import annotations

from competency_graph.checking.formats import RuleInfo
from competency_graph.errors import InputError
from competency_graph.model.rules import Rule


def select_rules(
    catalogue: dict[str, Rule], only: tuple[str, ...] = (), skip: tuple[str, ...] = ()
) -> list[Rule]:
    """The rules to run: ``only`` (all when empty) minus ``skip``.

    A rule's former id (``vacancy-discrimination`` for ``discrimination``) names the rule.
    Unknown ids are an error, and so is a selection that leaves nothing to run (a check that
    checks nothing must not pass).
    """
    only, skip = resolve_ids(catalogue, only), resolve_ids(catalogue, skip)
    chosen = only or tuple(catalogue)
    selected = [catalogue[rule_id] for rule_id in dict.fromkeys(chosen) if rule_id not in skip]
    if not selected:
        raise InputError("no rule left to run: --skip removes every rule that --rule names")
    return selected


def resolve_ids(catalogue: dict[str, Rule], ids: tuple[str, ...]) -> tuple[str, ...]:
    """The catalogue ids of ``ids``, former ids replaced by the rule's current id; an id
    that names no rule is an error listing the known ones."""
    former = {old: rule.id for rule in catalogue.values() for old in rule.former_ids}
    resolved = []
    for rule_id in ids:
        if rule_id not in catalogue and rule_id not in former:
            known = ", ".join(catalogue)
            raise InputError(f"unknown rule id {rule_id!r} (known: {known})")
        resolved.append(former.get(rule_id, rule_id))
    return tuple(resolved)


def rule_infos(catalogue: dict[str, Rule], lang: str) -> list[RuleInfo]:
    """The catalogue in the shape the report renderers take (SARIF, JUnit descriptors)."""
    return [
        RuleInfo(
            id=rule.id,
            severity=rule.severity,
            title=rule.title.get(lang),
            description=rule.fix.get(lang),
            source=rule.source_label(lang),
        )
        for rule in catalogue.values()
    ]
