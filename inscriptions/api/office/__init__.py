"""The exam office through the API: the queue, a dossier with everything the office's page
shows, the decisions, the documents' review, the message thread, the history and the bulk
« conforme ».

Staff and académie administrators only, with the second factor (a verified session, or a token
issued with it). Which dossiers a user sees and what they may do is asked of
``inscriptions.abilities``, as the office's pages do; a dossier out of scope is a 404.
"""
