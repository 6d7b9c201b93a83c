// The new-experiment and new-study forms: only the chosen workload's params and (experiments) the
// chosen model's options are shown and sent (the others are hidden and disabled). Without this script every input shows,
// and the server still reads only the chosen ones.

function only(form, attribute, chosen) {
  for (const set of form.querySelectorAll(`fieldset[${attribute}]`)) {
    const mine = set.getAttribute(attribute) === chosen;
    set.hidden = !mine;
    set.disabled = !mine;
  }
}

export function wire(form) {
  const model = form.querySelector('#model');
  const workload = form.querySelector('#workload');
  const help = form.querySelector('#model-help');
  const update = () => {
    only(form, 'data-workload-params', workload.value);
    if (!model) {
      return;
    }
    only(form, 'data-model-options', model.value);
    const chosen = model.selectedOptions[0];
    if (help && chosen) {
      help.textContent = chosen.dataset.description;
    }
  };
  if (model) {
    model.addEventListener('change', update);
  }
  workload.addEventListener('change', update);
  update();
}
