"""The web app: server-rendered pages and a JSON API over the same service calls.

``app.create_app(settings)`` builds the FastAPI app. ``security`` adds the response headers
and bounds request bodies; ``problems`` turns every error into one shape
(``application/problem+json`` for the API, a plain page for people); ``accounts`` signs
people up and in and keeps their sessions and failed attempts; ``csrf`` ties a token to each
session; ``templating`` renders pages. The routers in ``routes`` are thin: parse, call one
service (the engine, the diary, the food log), render the page or its JSON twin. Every query
that touches personal data is scoped to the signed-in person.
"""
