"""Accounts: sign up, sign in (argon2, rate limited), sessions and erasing a person.

Plain functions over a SQLAlchemy ``Session``; the clock is passed in.

Limits are counters (``rate_limits``), each changed by one atomic upsert that returns the
new count, so tries racing on several processes or hosts are counted one by one: a try
is counted before its password is checked, and refused once over the limit. A browser
that signed in before keeps a device cookie; its tries are counted on their own, so
someone guessing from elsewhere cannot lock the owner out of her own phone.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from symptom_decoder.errors import FieldError, TooManyAttempts
from symptom_decoder.store.account_models import (
    Account,
    KnownDevice,
    LoginAttempt,
    RateLimit,
    WebSession,
)
from symptom_decoder.store.db import UTCDateTime
from symptom_decoder.store.models import Person

SESSION_DAYS = 30
WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
# Many people can share one address (a home, a ward, a reverse proxy), so an address gets
# more tries than one name does before everyone behind it is kept out.
MAX_FAILURES_PER_ADDRESS = 20
# Sign-up answers whether a name is taken, so its tries are counted per address as well.
MAX_SIGNUPS_PER_ADDRESS = 10
DEVICE_DAYS = 365
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 200

_hasher = PasswordHasher()
# Verifying against this when the name is unknown takes as long as a real check,
# so the time of an answer does not tell which names exist.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


AccountError = FieldError
"""A sign-up or sign-in that cannot go ahead: ``field`` names the form field."""


@dataclass(frozen=True)
class SignedIn:
    """Who a request acts for."""

    account_id: int
    person_id: int
    username: str
    theme: str
    session_id: int


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored here is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def normalise_username(text: str) -> str:
    return text.strip().lower()


def check_new_account(username: str, password: str, confirm: str) -> str:
    """The normalised username, or AccountError naming the first field that is wrong."""
    name = normalise_username(username)
    if not USERNAME.match(name):
        raise AccountError(
            "username",
            "Use 3 to 40 letters, numbers, dots, dashes or underscores, starting with a "
            "letter or number.",
        )
    if len(password) < MIN_PASSWORD:
        raise AccountError("password", f"Use at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise AccountError("password", f"Use at most {MAX_PASSWORD} characters.")
    if password != confirm:
        raise AccountError("confirm", "The two passwords are not the same.")
    return name


def sign_up(session: Session, *, username: str, password: str, confirm: str) -> Account:
    """A new account with its own person; AccountError if the name is taken or unfit.
    The caller counts the try first (``count_sign_up``): the answer tells whether a name
    exists."""
    name = check_new_account(username, password, confirm)
    if session.scalar(select(Account.id).where(Account.username == name)) is not None:
        raise AccountError("username", "That name is taken. Please pick another.")
    # The person's handle is not the username, so no one can claim the CLI's 'local' data.
    person = Person(handle=f"web-{uuid.uuid4().hex}")
    try:
        with session.begin_nested():
            session.add(person)
            session.flush()
            account = Account(
                person_id=person.id, username=name, password_hash=_hasher.hash(password)
            )
            session.add(account)
    except IntegrityError:
        raise AccountError("username", "That name is taken. Please pick another.") from None
    return account


def take(session: Session, key: str, *, limit: int, now: datetime) -> bool:
    """Count one try under KEY in the current window; False once there are over LIMIT.

    One statement reads and changes the counter (an upsert that returns the new count), so
    two tries at once on any number of processes never both see room for one more.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    expired = RateLimit.window_start <= literal(now - WINDOW, UTCDateTime())
    values = insert(RateLimit).values(key=key[:120], window_start=now, count=1)
    statement = values.on_conflict_do_update(
        index_elements=[RateLimit.key],
        set_={
            "count": case((expired, 1), else_=RateLimit.count + 1),
            "window_start": case((expired, literal(now, UTCDateTime())),
                                 else_=RateLimit.window_start),
        },
    ).returning(RateLimit.count)
    count = int(session.execute(statement).scalar_one())
    return count <= limit


def give_back(session: Session, key: str) -> None:
    """Uncount a try under KEY that turned out well (a right password)."""
    session.execute(update(RateLimit).where(RateLimit.key == key[:120], RateLimit.count > 0)
                    .values(count=RateLimit.count - 1))


def _forget_old_tries(session: Session, now: datetime) -> None:
    session.execute(delete(RateLimit).where(RateLimit.window_start < now - timedelta(days=1)))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - timedelta(days=1)))


def count_sign_up(session: Session, *, ip: str, now: datetime) -> None:
    """Count a sign-up from IP; TooManyAttempts past 10 in 15 minutes."""
    _forget_old_tries(session, now)
    if not take(session, f"signup-ip:{ip[:64]}", limit=MAX_SIGNUPS_PER_ADDRESS, now=now):
        raise TooManyAttempts


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def known_device(session: Session, username: str, device: str | None) -> KnownDevice | None:
    """The device row when the DEVICE cookie once signed in to USERNAME's account."""
    if not device:
        return None
    return session.scalar(
        select(KnownDevice)
        .join(Account, Account.id == KnownDevice.account_id)
        .where(KnownDevice.token_hash == _digest(device),
               Account.username == normalise_username(username)[:40])
    )


def count_sign_in(
    session: Session, *, username: str, ip: str, device: str | None, now: datetime
) -> list[str]:
    """Count a sign-in try before its password is checked; returns the keys counted, for
    ``authenticate`` to give back when the password is right. TooManyAttempts past 5 tries
    for the name in 15 minutes (20 for the address); a known device of the account is
    counted on its own, against 5."""
    name = normalise_username(username)[:40]
    _forget_old_tries(session, now)
    found = known_device(session, name, device)
    if found is not None:
        keys = [(f"device:{found.token_hash[:40]}", MAX_FAILURES)]
    else:
        keys = [(f"name:{name}", MAX_FAILURES), (f"ip:{ip[:64]}", MAX_FAILURES_PER_ADDRESS)]
    allowed = [take(session, key, limit=limit, now=now) for key, limit in keys]
    if not all(allowed):
        raise TooManyAttempts
    return [key for key, _ in keys]


def authenticate(
    session: Session, *, username: str, password: str, ip: str, now: datetime,
    counted: list[str] | None = None,
) -> Account:
    """The account for USERNAME and PASSWORD, AccountError on a wrong name or password.
    The try was counted before (``count_sign_in``); a right password gives COUNTED back."""
    name = normalise_username(username)[:40]
    account = session.scalar(select(Account).where(Account.username == name))
    ok = False
    try:
        ok = _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None:
        # The caller records the failure in its own unit: this one is rolled back.
        raise AccountError("password", "That name and password do not match.")
    session.add(LoginAttempt(username=name, ip=ip[:64], at=now, succeeded=True))
    for key in counted or []:
        give_back(session, key)
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    return account


def remember_device(session: Session, account: Account, device: str | None, *,
                    now: datetime) -> str:
    """The device cookie's token for this browser, made and stored on its first sign-in."""
    if device and known_device(session, account.username, device) is not None:
        return device
    token = secrets.token_urlsafe(32)
    session.add(KnownDevice(token_hash=_digest(token), account_id=account.id,
                            person_id=account.person_id, created_at=now))
    return token


def record_failure(session: Session, *, username: str, ip: str, now: datetime) -> None:
    name = normalise_username(username)[:40]
    session.add(LoginAttempt(username=name, ip=ip[:64], at=now, succeeded=False))


def open_session(session: Session, account: Account, *, now: datetime) -> str:
    """A new session for ACCOUNT; returns the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    session.add(
        WebSession(
            token_hash=_digest(token),
            account_id=account.id,
            person_id=account.person_id,
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    return token


def signed_in(session: Session, token: str, *, now: datetime) -> SignedIn | None:
    """Who holds TOKEN, or None when it is unknown or expired."""
    row = session.execute(
        select(WebSession, Account)
        .join(Account, Account.id == WebSession.account_id)
        .where(WebSession.token_hash == _digest(token))
    ).first()
    if row is None:
        return None
    web_session, account = row
    if utc(web_session.expires_at) <= now:
        return None
    return SignedIn(
        account_id=account.id,
        person_id=account.person_id,
        username=account.username,
        theme=account.theme,
        session_id=web_session.id,
    )


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def forget_attempts(session: Session, username: str) -> None:
    """Erase the sign-in attempts and counters kept under a name (when its person is
    deleted)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
    session.execute(delete(RateLimit).where(RateLimit.key == f"name:{username}"))


def set_theme(session: Session, who: SignedIn, theme: str) -> None:
    account = session.get(Account, who.account_id)
    if account is not None:
        account.theme = theme


def change_password(
    session: Session, who: SignedIn, *, current: str, new: str, confirm: str
) -> None:
    account = session.get(Account, who.account_id)
    if account is None:
        raise AccountError("current", "Please sign in again.")
    try:
        _hasher.verify(account.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise AccountError("current", "That is not your current password.") from None
    check_new_account(account.username, new, confirm)
    account.password_hash = _hasher.hash(new)
    # Other browsers signed in with the old password are signed out.
    session.execute(
        delete(WebSession).where(
            WebSession.account_id == account.id, WebSession.id != who.session_id
        )
    )
