/* The editor for courses.blocks.AccessibleImageBlock: Wagtail's image block
   without its pre-filling of the alt text from the chosen image's title. A
   title ("business-startup-basics") is not a description, and a pre-filled
   field looks finished, so authors would publish it. The alt text field is
   still disabled while "Image is decorative" is ticked. */
(() => {
  class AccessibleImageBlockDefinition extends window.wagtailStreamField.blocks
    .StructBlockDefinition {
    render(placeholder, prefix, initialState, initialError) {
      const block = super.render(placeholder, prefix, initialState, initialError);
      const altText = document.getElementById(`${prefix}-alt_text`);
      const decorative = document.getElementById(`${prefix}-decorative`);
      const sync = () => {
        if (decorative.checked) {
          altText.setAttribute('disabled', true);
        } else {
          altText.removeAttribute('disabled');
        }
      };
      sync();
      decorative.addEventListener('change', sync);
      return block;
    }
  }
  window.telepath.register(
    'courses.blocks.AccessibleImageBlock',
    AccessibleImageBlockDefinition,
  );
})();
