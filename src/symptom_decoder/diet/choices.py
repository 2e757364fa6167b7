"""The food log that learns: a food she picked once for her words is the first choice next time.

One service for the command line, the pages and the API: ``log_food`` resolves an entry
with her remembered choices and stores it, remembering the food when she picked it
herself (``food_id``); ``search`` ranks foods for the search box the same way. Choices
are per person, kept in ``food_choices`` (Alembic ``0004_food_choices``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from symptom_decoder.diet.foodlog import Resolved, add_entry, resolve
from symptom_decoder.foods.catalog import Catalog, food_words
from symptom_decoder.foods.database import Food
from symptom_decoder.store.choice_models import FoodChoice
from symptom_decoder.store.diet_models import FoodLogEntry

_WORDS = 200


def choices_for(session: Session, *, person_id: int) -> dict[str, int]:
    """Her words (normalised) -> the food she picked for them."""
    rows = session.execute(
        select(FoodChoice.words, FoodChoice.food_id).where(FoodChoice.person_id == person_id)
    )
    return {words: food_id for words, food_id in rows}


def remember(session: Session, *, person_id: int, words: str, food: Food) -> None:
    """Keep FOOD as her choice for WORDS (replacing an earlier one)."""
    if not words:
        return
    key = words[:_WORDS]
    found = session.scalar(select(FoodChoice).where(FoodChoice.person_id == person_id,
                                                    FoodChoice.words == key))
    if found is None:
        session.add(FoodChoice(person_id=person_id, words=key, food_id=food.id,
                               description=food.description[:300], times=1))
    elif found.food_id == food.id:
        found.times += 1
    else:
        found.food_id, found.description, found.times = food.id, food.description[:300], 1
    session.flush()


def log_food(session: Session, catalog: Catalog, *, person_id: int, day: date, text: str,
             food_id: int | None = None, portion: str | None = None
             ) -> tuple[FoodLogEntry, Resolved]:
    """Resolve TEXT with her remembered choices and store it; FoodLogError when unclear.

    A food she picks herself (FOOD_ID) becomes her first choice for these words.
    """
    resolved = resolve(catalog, text, food_id=food_id, portion=portion,
                       learned=choices_for(session, person_id=person_id))
    entry = add_entry(session, person_id=person_id, day=day, text=text, resolved=resolved)
    if food_id is not None:
        remember(session, person_id=person_id, words=resolved.words, food=resolved.food)
    return entry, resolved


def search(session: Session | None, catalog: Catalog, query: str, *, person_id: int | None,
           limit: int = 10) -> list[Food]:
    """Foods for QUERY as the food log reads it, her own choice for these words first."""
    learned = None
    if session is not None and person_id is not None:
        key = catalog.resolver.understand(food_words(query)).key
        learned = choices_for(session, person_id=person_id).get(key)
    return catalog.search(query, limit=limit, learned=learned)
