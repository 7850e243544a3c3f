"""Routes for the form API (/api/forms) and the promotion API (/api/promotions)."""

from __future__ import annotations

from flask import Blueprint, Response

from fakesaas.supersaas import present
from fakesaas.supersaas.domain import catalog
from fakesaas.supersaas.domain.queries import Window
from fakesaas.supersaas.http.context import domain, params
from fakesaas.supersaas.http.responses import document, empty
from fakesaas.supersaas.http.routes import api_route


def register(blueprint: Blueprint) -> None:
    @api_route(blueprint, "/forms", methods=["GET"])
    def forms_index() -> Response:
        p = params()
        with domain() as ctx:
            # The docs: "?id=" answers one form (an object); "?form_id=" the forms of a template.
            if "id" in p:
                return document(present.form(catalog.form(ctx, p.scalar("id"))))
            window = Window(p.count("limit", 0, minimum=1) or None, p.count("offset", 0))
            # Python's SDK sends the same time as "from_time" and "from".
            since = p.time("from") or p.time("from_time")
            found = catalog.forms(ctx, p.scalar("form_id"), since, p.get("user"), window)
            return document(present.forms(found))

    @api_route(blueprint, "/promotions", methods=["GET"])
    def promotions_index() -> Response:
        p = params()
        with domain() as ctx:
            # The docs look one code up with "?id=" and answer an object; every SDK sends
            # "?promotion_code=" and iterates over the answer, so that one is a list.
            if "id" in p:
                return document(present.promotion(catalog.promotion(ctx, p.scalar("id"))))
            if "promotion_code" in p:
                return document(present.promotions([catalog.promotion(ctx, p.scalar("promotion_code"))]))
            window = Window(p.count("limit", 0, minimum=1) or None, p.count("offset", 0))
            return document(present.promotions(catalog.promotions(ctx, window)))

    @api_route(blueprint, "/promotions", methods=["POST"])
    def promotions_duplicate() -> Response:
        p = params()
        with domain() as ctx:
            # Raw values: the domain refuses what is not a code (a JSON boolean, a list) with 422.
            catalog.duplicate_promotion(ctx, p.get("id"), p.get("template_code"))
        return empty(201)
