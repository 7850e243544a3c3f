"""Routes for /workspaces (company admin key only): create, update, list, activate, keys, default."""

from __future__ import annotations

from flask import Blueprint, Response, request

from fakesaas.seatsio import present
from fakesaas.seatsio.domain import accounts
from fakesaas.seatsio.domain.accounts import WorkspaceFilter
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.params import page_request
from fakesaas.seatsio.http.requests import SECRET_KEY, WORKSPACE
from fakesaas.seatsio.http.responses import json_response, no_content


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/workspaces", methods=["POST"])
    def workspaces_create() -> Response:
        data = body.read_object(WORKSPACE)
        with context.domain() as scope:
            found = accounts.create_workspace(
                scope, data["name"], bool(data.get("isTest")), data.get("forSaleMode")
            )
            return json_response(present.workspace(found, scope.company), 201)

    @blueprint.route("/workspaces", methods=["GET"])
    @blueprint.route("/workspaces/<any('active', 'inactive'):which>", methods=["GET"])
    def workspaces_list(which: str = WorkspaceFilter.ALL) -> Response:
        with context.domain() as scope:
            found = accounts.list_workspaces(scope, which, request.args.get("filter"), page_request())
            return json_response(present.page(found, lambda w: present.workspace(w, scope.company)))

    @blueprint.route("/workspaces/<path:key>", methods=["GET"])
    def workspaces_retrieve(key: str) -> Response:
        with context.domain() as scope:
            return json_response(present.workspace(accounts.retrieve_workspace(scope, key), scope.company))

    @blueprint.route("/workspaces/<path:key>", methods=["POST"])
    def workspaces_update(key: str) -> Response:
        data = body.read_object(WORKSPACE)
        with context.domain() as scope:
            accounts.update_workspace(scope, key, data["name"], data.get("forSaleMode"))
        return no_content()

    @blueprint.route("/workspaces/<path:key>", methods=["DELETE"])
    def workspaces_delete(key: str) -> Response:
        with context.domain() as scope:
            accounts.delete_workspace(scope, key)
        return no_content()

    @blueprint.route(
        "/workspaces/<path:key>/actions/<any('activate', 'deactivate'):action>", methods=["POST"]
    )
    def workspaces_activation(key: str, action: str) -> Response:
        with context.domain() as scope:
            accounts.set_active(scope, key, action == "activate")
        return no_content()

    @blueprint.route("/workspaces/actions/set-default/<path:key>", methods=["POST"])
    def workspaces_set_default(key: str) -> Response:
        with context.domain() as scope:
            accounts.set_default(scope, key)
        return no_content()

    @blueprint.route(
        "/workspaces/<path:key>/actions/<any('regenerate-secret-key', 'add-secret-key'):action>",
        methods=["POST"],
    )
    def workspaces_new_secret_key(key: str, action: str) -> Response:
        with context.domain() as scope:
            if action == "add-secret-key":
                change = accounts.add_secret_key(scope, key)
            else:
                change = accounts.regenerate_secret_key(scope, key)
            return json_response({"secretKey": change.secret_key})

    @blueprint.route("/workspaces/<path:key>/actions/remove-secret-key", methods=["POST"])
    def workspaces_remove_secret_key(key: str) -> Response:
        data = body.read_object(SECRET_KEY)
        with context.domain() as scope:
            accounts.remove_secret_key(scope, key, data["secretKey"])
        return no_content()
