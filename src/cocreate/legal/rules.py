import rules

from cocreate.accounts.rules import is_site_admin

rules.add_perm("legal.publish_agreement", is_site_admin)
rules.add_perm("legal.view_acceptances", is_site_admin)
