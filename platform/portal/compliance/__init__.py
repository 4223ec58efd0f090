"""The legal checklist of an agency portal (Decree 42/2022/NĐ-CP and the party portal rules)."""
