"""The classroom: what a teacher does with a class's work — collecting learners'
files into the class folder, the class view, the discussion agenda, teaching checks,
practice and handouts.  Modules move here from the top of the package as they are
rewritten (see ``docs/architecture.md``)."""
