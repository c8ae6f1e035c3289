// The correction form of an incident page: POST /api/corrections with the analyst's key.
// Results are shown with textContent only.
(function () {
  "use strict";
  var form = document.getElementById("correction");
  if (!form) return;
  var out = document.getElementById("correction-result");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = form.elements, value;
    try { value = JSON.parse(f.value.value); } catch (e) { value = f.value.value; }
    var body = {table: f.table.value, row_id: parseInt(f.row_id.value, 10), field: f.field.value, value: value};
    if (f.note.value) body.note = f.note.value;
    out.textContent = "sending…";
    fetch("/api/corrections", {method: "POST", headers: {"Content-Type": "application/json", "X-API-Key": f.key.value},
                               body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
      .then(function (res) {
        if (res[0] === 201) {
          out.textContent = "Recorded correction " + res[1].id + ": " + res[1].field + " " +
            JSON.stringify(res[1].old_value) + " → " + JSON.stringify(res[1].new_value) + ". Reload to see it.";
        } else {
          out.textContent = "Refused (" + res[0] + "): " + ((res[1].error && res[1].error.message) || "error");
        }
      })
      .catch(function (e) { out.textContent = "Failed: " + e; });
  });
})();
