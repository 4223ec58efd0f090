"""Obvious robots, told by their User-Agent: they are not visitors."""

import re

BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor|"
    r"curl/|wget/|python-requests|python-urllib|httpclient|go-http-client|java/|"
    r"libwww|scrapy|headlesschrome|phantomjs|lighthouse|pingdom|uptime",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """True for empty agents and agents that name themselves robots or tools."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))
