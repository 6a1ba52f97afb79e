"""Reward functions that call a running trace2train reward service (``./trace2train serve``).

Standard library only. Two trainers' signatures:

* TRL's ``GRPOTrainer``: ``reward_funcs=[trl_reward]``; the dataset carries a ``constraints`` column (what
  ``./trace2train export --format grpo`` writes: the task row as JSON), which TRL passes to the function by name.
* verl's custom reward: ``custom_reward_function.path=trace2train_reward.py``, ``name=compute_score``; the
  ``ground_truth`` is that same JSON.

The service address is ``TRACE2TRAIN_URL`` (default ``http://127.0.0.1:8470``), the bearer token
``TRACE2TRAIN_TOKEN`` (optional). An item the service could not judge (an unknown verifier, a malformed row)
scores 0.0.
"""

import json
import os
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8470"


def verify(items, url=None, token=None, reward="constraint_share", timeout=600):
    """POSTs items ``{id, completion, ...task row}`` to ``/v1/verify``; returns the service's results, in order."""
    url = (url or os.environ.get("TRACE2TRAIN_URL") or DEFAULT_URL).rstrip("/")
    token = token or os.environ.get("TRACE2TRAIN_TOKEN")
    body = json.dumps({"reward": reward, "items": items}).encode("utf-8")
    request = urllib.request.Request(url + "/v1/verify", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))["results"]


def _text(completion):
    """A completion as TRL hands it: a string, or a conversation whose last message is the answer."""
    if isinstance(completion, str):
        return completion
    return completion[-1]["content"]


def _item(index, constraints, completion):
    row = json.loads(constraints) if isinstance(constraints, str) else dict(constraints)
    row["completion"] = completion
    row.setdefault("id", row.get("key", str(index)))
    return row


def trl_reward(prompts, completions, constraints=None, **kwargs):
    """TRL GRPOTrainer reward function: one float per completion, the task's reward (default constraint_share)."""
    if constraints is None:
        raise ValueError("the dataset needs a 'constraints' column (export it with --format grpo)")
    items = [_item(i, c, _text(x)) for i, (c, x) in enumerate(zip(constraints, completions))]
    return [r["reward"] if r.get("reward") is not None else 0.0 for r in verify(items)]


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """verl's custom reward function: the reward of one response against the constraints in ground_truth."""
    result = verify([_item(0, ground_truth, solution_str)])[0]
    return result["reward"] if result.get("reward") is not None else 0.0
