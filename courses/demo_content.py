"""The words of the demo courses, in Simplified Chinese and English.

Each course: where it is taught, who it is designed for (with a note per
category), its outcomes, and lessons. Each lesson: a summary, steps, key
terms and easy-read sentences (at most 25 Chinese characters or 15 words).
Captions and transcripts of each course's video are files in demo_media/.
"""

# base: 1-based position in accounts.demo.BASES
COURSES = [
    {
        "slug": "livestream-selling",
        "base": 2,
        "skill": "livestream_ecommerce",
        "mode": "blended",
        "hours": 24,
        "categories": {
            "physical": (
                "所有操作都可以坐着完成，手机支架和补光灯可调节高度；只用键盘或单手也能上架商品。",
                "Everything can be done seated; the phone stand and light adjust in height, and products can be listed one-handed or by keyboard.",
            ),
            "hearing": (
                "每个视频都有中文字幕和手语版本；课上教你用屏幕文字和评论区与观众交流。",
                "Every video has Chinese captions and a sign language version; you learn to talk with viewers through on-screen text and comments.",
            ),
            "speech": (
                "教你不用开口也能直播：提前写好的字幕卡、文字回复和语音合成。",
                "You learn to livestream without speaking: prepared text cards, typed replies and text-to-speech.",
            ),
        },
        "zh": {
            "title": "电商直播带货入门",
            "summary": "学会布置直播间、介绍商品、用文字和观众互动，完成第一场带货直播。",
            "outcomes": [
                "布置一个光线和声音清楚的直播间",
                "用三句话介绍一件商品",
                "用文字回复观众的问题",
                "处理订单和简单的售后",
            ],
        },
        "en": {
            "title": "Livestream selling for beginners",
            "summary": "Set up a livestream room, present products, talk with viewers by text and run your first selling livestream.",
            "outcomes": [
                "Set up a livestream room with clear light and sound",
                "Present a product in three sentences",
                "Answer viewers' questions in writing",
                "Handle orders and simple after-sales requests",
            ],
        },
        "lessons": [
            {
                "slug": "set-up-your-room",
                "zh": {
                    "title": "布置你的直播间",
                    "summary": "准备手机、支架、灯光和背景，让观众看得清楚。",
                    "steps": [
                        "把手机固定在支架上，镜头和眼睛一样高。",
                        "打开补光灯，让光从前面照到脸上。",
                        "整理背景，只留下要卖的商品。",
                    ],
                    "terms": [
                        ("直播间", "你和观众在网上见面的地方。"),
                        ("补光灯", "让脸和商品更亮的灯。"),
                    ],
                    "easy": [
                        "把手机放在支架上。",
                        "打开灯。",
                        "桌子上只放要卖的东西。",
                    ],
                },
                "en": {
                    "title": "Set up your livestream room",
                    "summary": "Get your phone, stand, light and background ready so viewers see clearly.",
                    "steps": [
                        "Fix the phone on the stand with the lens at eye level.",
                        "Switch on the light so it shines on your face from the front.",
                        "Clear the background, leaving only the products you sell.",
                    ],
                    "terms": [
                        (
                            "Livestream room",
                            "The place online where you meet your viewers.",
                        ),
                        (
                            "Fill light",
                            "A lamp that makes your face and products brighter.",
                        ),
                    ],
                    "easy": [
                        "Put the phone on the stand.",
                        "Switch on the light.",
                        "Only the things you sell go on the table.",
                    ],
                },
            },
            {
                "slug": "present-a-product",
                "zh": {
                    "title": "介绍一件商品",
                    "summary": "用“是什么、好在哪、多少钱”三句话介绍商品。",
                    "steps": [
                        "拿起商品，对着镜头停三秒。",
                        "说出或打出：它是什么，好在哪里。",
                        "告诉观众价格和怎么下单。",
                    ],
                    "terms": [
                        ("卖点", "商品最让人想买的地方。"),
                        ("字幕卡", "提前写好、举给镜头看的文字。"),
                    ],
                    "easy": ["拿起商品给大家看。", "说它有什么好。", "说它多少钱。"],
                },
                "en": {
                    "title": "Present a product",
                    "summary": "Present a product in three sentences: what it is, why it is good, what it costs.",
                    "steps": [
                        "Hold the product up to the camera for three seconds.",
                        "Say or type what it is and why it is good.",
                        "Tell viewers the price and how to order.",
                    ],
                    "terms": [
                        ("Selling point", "What makes people want to buy the product."),
                        (
                            "Text card",
                            "Words written in advance and held up to the camera.",
                        ),
                    ],
                    "easy": [
                        "Show the product.",
                        "Say why it is good.",
                        "Say how much it costs.",
                    ],
                },
            },
            {
                "slug": "talk-with-viewers-by-text",
                "zh": {
                    "title": "用文字和观众互动",
                    "summary": "看懂评论区，用快捷短语及时回复观众。",
                    "steps": [
                        "开播前写好五条常用回复。",
                        "每隔一分钟看一次评论区。",
                        "先回答关于价格和发货的问题。",
                    ],
                    "terms": [
                        ("评论区", "观众打字留言的地方。"),
                        ("快捷短语", "提前存好、一键发送的回复。"),
                    ],
                    "easy": [
                        "观众会打字问问题。",
                        "你也打字回答。",
                        "先回答价格的问题。",
                    ],
                },
                "en": {
                    "title": "Talk with viewers by text",
                    "summary": "Follow the comments and answer viewers quickly with saved replies.",
                    "steps": [
                        "Write five common replies before you go live.",
                        "Check the comments every minute.",
                        "Answer questions about price and delivery first.",
                    ],
                    "terms": [
                        ("Comments", "Where viewers type their messages."),
                        (
                            "Saved reply",
                            "A reply stored in advance and sent with one tap.",
                        ),
                    ],
                    "easy": [
                        "Viewers type their questions.",
                        "You type your answers.",
                        "Answer questions about price first.",
                    ],
                },
            },
            {
                "slug": "orders-and-after-sales",
                "zh": {
                    "title": "订单与售后",
                    "summary": "查看订单、按时发货，礼貌处理退换货。",
                    "steps": [
                        "直播结束后打开订单列表。",
                        "核对地址，打包并填写快递单。",
                        "有人要退货时，先道歉，再按规则办理。",
                    ],
                    "terms": [
                        ("订单", "顾客买东西的记录。"),
                        ("售后", "卖出以后帮顾客解决问题。"),
                    ],
                    "easy": [
                        "看一看谁买了东西。",
                        "把东西包好寄出去。",
                        "有问题时礼貌回答。",
                    ],
                },
                "en": {
                    "title": "Orders and after-sales",
                    "summary": "Check orders, ship on time and handle returns politely.",
                    "steps": [
                        "Open the order list after the livestream.",
                        "Check the address, pack the item and fill in the delivery form.",
                        "When someone wants a return, apologise first, then follow the rules.",
                    ],
                    "terms": [
                        ("Order", "The record of what a customer bought."),
                        (
                            "After-sales",
                            "Helping customers with problems after they buy.",
                        ),
                    ],
                    "easy": [
                        "See who bought something.",
                        "Pack it and send it.",
                        "Answer problems politely.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "farm-produce-livestream",
        "base": 17,
        "skill": "livestream_ecommerce",
        "mode": "on_site",
        "hours": 16,
        "categories": {
            "visual": (
                "商品介绍靠触摸和描述；直播软件的所有按钮都能用读屏软件找到，课件有大字版。",
                "Products are presented by touch and description; every button of the streaming app works with a screen reader, and handouts come in large print.",
            ),
            "physical": (
                "基地的直播台可以升降，轮椅可以进出；打包工具为单手使用设计。",
                "The base's streaming desks adjust in height and are wheelchair accessible; packing tools work one-handed.",
            ),
            "multiple": (
                "每位学员有一名助教，学习节奏和方式按个人需要安排。",
                "Each trainee has a teaching assistant; pace and format are arranged around each person's needs.",
            ),
        },
        "zh": {
            "title": "农产品直播销售",
            "summary": "把家乡的水果、蔬菜和土特产通过直播卖出去：介绍、定价、包装和发货。",
            "outcomes": [
                "说清楚一种农产品的产地和特点",
                "在镜头前展示农产品的新鲜程度",
                "给农产品定价并选择合适的包装",
                "安排发货并跟踪物流",
            ],
        },
        "en": {
            "title": "Selling farm produce by livestream",
            "summary": "Sell fruit, vegetables and local specialities from home by livestream: presenting, pricing, packing and shipping.",
            "outcomes": [
                "Explain where a product is grown and what makes it special",
                "Show on camera how fresh the produce is",
                "Price produce and choose suitable packaging",
                "Arrange shipping and track deliveries",
            ],
        },
        "lessons": [
            {
                "slug": "know-your-produce",
                "zh": {
                    "title": "认识你的农产品",
                    "summary": "了解农产品的产地、季节和特点，准备好介绍的话。",
                    "steps": [
                        "写下农产品的名字和产地。",
                        "写下什么季节最好吃。",
                        "写下三个特点，比如甜、脆、无农药。",
                    ],
                    "terms": [
                        ("产地", "农产品种出来的地方。"),
                        ("应季", "在最合适的季节收获。"),
                    ],
                    "easy": [
                        "说出它叫什么。",
                        "说出它从哪里来。",
                        "说出它好吃在哪里。",
                    ],
                },
                "en": {
                    "title": "Know your produce",
                    "summary": "Learn where your produce comes from, its season and its qualities, and prepare what to say.",
                    "steps": [
                        "Write down the product's name and where it is grown.",
                        "Write down the season when it tastes best.",
                        "Write down three qualities, such as sweet, crisp, no pesticides.",
                    ],
                    "terms": [
                        ("Origin", "The place where the produce is grown."),
                        ("In season", "Harvested at the best time of year."),
                    ],
                    "easy": [
                        "Say what it is called.",
                        "Say where it comes from.",
                        "Say why it tastes good.",
                    ],
                },
            },
            {
                "slug": "show-freshness",
                "zh": {
                    "title": "在镜头前展示新鲜",
                    "summary": "用切开、称重和近景，让观众相信商品新鲜。",
                    "steps": [
                        "在镜头前切开一个水果。",
                        "用秤称给观众看重量。",
                        "把镜头靠近，展示颜色和汁水。",
                    ],
                    "terms": [
                        ("近景", "离商品很近的画面。"),
                        ("称重", "用秤量出有多重。"),
                    ],
                    "easy": [
                        "切开一个给大家看。",
                        "放在秤上称一称。",
                        "让镜头靠近一点。",
                    ],
                },
                "en": {
                    "title": "Show freshness on camera",
                    "summary": "Cut, weigh and show close-ups so viewers trust that the produce is fresh.",
                    "steps": [
                        "Cut a fruit open in front of the camera.",
                        "Weigh it on the scales for viewers to see.",
                        "Move the camera close to show the colour and juice.",
                    ],
                    "terms": [
                        ("Close-up", "A picture taken very near the product."),
                        ("Weighing", "Measuring how heavy something is with scales."),
                    ],
                    "easy": [
                        "Cut one open to show it.",
                        "Put it on the scales.",
                        "Move the camera closer.",
                    ],
                },
            },
            {
                "slug": "pricing-and-packing",
                "zh": {
                    "title": "定价与包装",
                    "summary": "算清成本，定一个合理的价格，选用防压防漏的包装。",
                    "steps": [
                        "把收购价、包装费和快递费加起来。",
                        "在成本上加上你想赚的钱。",
                        "用泡沫网和纸箱包好，防止压坏。",
                    ],
                    "terms": [
                        ("成本", "卖出一件商品前花掉的钱。"),
                        ("利润", "卖出的钱减去成本。"),
                    ],
                    "easy": [
                        "算一算花了多少钱。",
                        "价格要比花的钱多。",
                        "包好，别压坏。",
                    ],
                },
                "en": {
                    "title": "Pricing and packing",
                    "summary": "Work out your costs, set a fair price and choose packaging that protects the produce.",
                    "steps": [
                        "Add up the purchase price, packaging and delivery costs.",
                        "Add the amount you want to earn to the cost.",
                        "Wrap the produce in foam nets and a box so it is not crushed.",
                    ],
                    "terms": [
                        ("Cost", "The money spent before one item is sold."),
                        ("Profit", "The money from a sale minus the cost."),
                    ],
                    "easy": [
                        "Add up what you spent.",
                        "The price must be more than you spent.",
                        "Pack it well so it does not break.",
                    ],
                },
            },
            {
                "slug": "shipping-and-delivery",
                "zh": {
                    "title": "发货与物流",
                    "summary": "选择快递、填写单号，并及时告诉顾客物流进度。",
                    "steps": [
                        "比较两家快递的价格和速度。",
                        "在后台填写快递单号。",
                        "给顾客发一条消息，告诉他什么时候到。",
                    ],
                    "terms": [
                        ("快递单号", "查询包裹在哪里的号码。"),
                        ("物流", "包裹从你家到顾客家的过程。"),
                    ],
                    "easy": ["选一家快递。", "写下快递单号。", "告诉顾客什么时候到。"],
                },
                "en": {
                    "title": "Shipping and delivery",
                    "summary": "Choose a courier, enter tracking numbers and keep customers told about delivery.",
                    "steps": [
                        "Compare the price and speed of two couriers.",
                        "Enter the tracking number in the shop system.",
                        "Send the customer a message saying when it will arrive.",
                    ],
                    "terms": [
                        ("Tracking number", "A number that shows where a parcel is."),
                        ("Logistics", "How a parcel travels from you to the customer."),
                    ],
                    "easy": [
                        "Choose a courier.",
                        "Write down the tracking number.",
                        "Tell the customer when it arrives.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "short-video-planning-and-shooting",
        "base": 3,
        "skill": "short_video",
        "mode": "blended",
        "hours": 20,
        "categories": {
            "hearing": (
                "所有讲解有字幕和手语；拍摄练习不依赖听声音，用画面和文字表达。",
                "All teaching has captions and sign language; shooting exercises tell stories with pictures and text, not sound.",
            ),
            "physical": (
                "使用手机稳定器和遥控快门，坐着或单手都能拍摄。",
                "A phone gimbal and remote shutter let you shoot seated or one-handed.",
            ),
            "psychosocial": (
                "小组人数少，每节课流程固定，不设限时任务，随时可以休息。",
                "Small groups, the same routine every lesson, no timed tasks, and breaks whenever you need them.",
            ),
        },
        "zh": {
            "title": "短视频策划与拍摄",
            "summary": "从选题、写分镜到用手机拍摄，做出一条一分钟的短视频。",
            "outcomes": [
                "为一条短视频选一个清楚的主题",
                "写一份简单的分镜脚本",
                "用手机拍出稳定、清楚的画面",
                "利用自然光和安静的环境录制",
            ],
        },
        "en": {
            "title": "Short-video planning and shooting",
            "summary": "From choosing a topic and writing a shot list to shooting with a phone: make a one-minute short video.",
            "outcomes": [
                "Choose a clear topic for a short video",
                "Write a simple shot list",
                "Shoot steady, sharp footage with a phone",
                "Record using natural light and a quiet place",
            ],
        },
        "lessons": [
            {
                "slug": "choose-a-topic",
                "zh": {
                    "title": "选一个好题目",
                    "summary": "找到观众关心、你也熟悉的题目。",
                    "steps": [
                        "写下你擅长的三件事。",
                        "看看同类视频里观众最常问什么。",
                        "选一个能在一分钟内讲清楚的题目。",
                    ],
                    "terms": [
                        ("选题", "决定视频讲什么。"),
                        ("受众", "你想让谁来看。"),
                    ],
                    "easy": [
                        "想一想你会做什么。",
                        "想一想谁会来看。",
                        "一条视频只讲一件事。",
                    ],
                },
                "en": {
                    "title": "Choose a good topic",
                    "summary": "Find a topic your viewers care about and you know well.",
                    "steps": [
                        "Write down three things you are good at.",
                        "See what viewers ask most under similar videos.",
                        "Pick a topic you can explain in one minute.",
                    ],
                    "terms": [
                        ("Topic", "What the video is about."),
                        ("Audience", "The people you want to watch it."),
                    ],
                    "easy": [
                        "Think about what you can do.",
                        "Think about who will watch.",
                        "One video is about one thing.",
                    ],
                },
            },
            {
                "slug": "write-a-shot-list",
                "zh": {
                    "title": "写分镜脚本",
                    "summary": "把视频拆成一个个镜头，写清楚每个镜头拍什么。",
                    "steps": [
                        "把视频分成开头、中间、结尾。",
                        "每一部分写两到三个镜头。",
                        "给每个镜头写上画面和字幕。",
                    ],
                    "terms": [
                        ("镜头", "一次不间断拍下的画面。"),
                        ("分镜", "按顺序写下所有镜头的计划。"),
                    ],
                    "easy": ["先想好开头。", "再想中间和结尾。", "每个画面写一句话。"],
                },
                "en": {
                    "title": "Write a shot list",
                    "summary": "Break the video into shots and write down what each shot shows.",
                    "steps": [
                        "Split the video into beginning, middle and end.",
                        "Write two or three shots for each part.",
                        "Note the picture and caption for each shot.",
                    ],
                    "terms": [
                        ("Shot", "One continuous piece of filming."),
                        ("Shot list", "A plan of all the shots, in order."),
                    ],
                    "easy": [
                        "Plan the beginning first.",
                        "Then plan the middle and the end.",
                        "Write one sentence for each picture.",
                    ],
                },
            },
            {
                "slug": "shoot-with-a-phone",
                "zh": {
                    "title": "用手机拍摄",
                    "summary": "横竖屏、稳定和对焦：拍出清楚的画面。",
                    "steps": [
                        "按平台要求选择竖屏。",
                        "把手机装在稳定器或支架上。",
                        "点一下屏幕上的主体，让它对焦清楚。",
                    ],
                    "terms": [
                        ("竖屏", "手机竖着拍的画面。"),
                        ("对焦", "让画面里的主体变清楚。"),
                    ],
                    "easy": ["把手机竖起来。", "让手机不要晃。", "点一下要拍的东西。"],
                },
                "en": {
                    "title": "Shoot with a phone",
                    "summary": "Orientation, stability and focus: get a clear picture.",
                    "steps": [
                        "Choose portrait mode if the platform asks for it.",
                        "Mount the phone on a gimbal or stand.",
                        "Tap the subject on the screen to bring it into focus.",
                    ],
                    "terms": [
                        ("Portrait mode", "Filming with the phone held upright."),
                        ("Focus", "Making the main subject sharp."),
                    ],
                    "easy": [
                        "Hold the phone upright.",
                        "Keep the phone still.",
                        "Tap the thing you are filming.",
                    ],
                },
            },
            {
                "slug": "light-and-sound",
                "zh": {
                    "title": "光线和声音",
                    "summary": "用窗边的自然光，在安静的地方录制。",
                    "steps": [
                        "面对窗户坐，让光照在脸上。",
                        "关掉风扇和电视。",
                        "需要声音时，用领夹麦克风。",
                    ],
                    "terms": [
                        ("自然光", "太阳的光，比如窗边的光。"),
                        ("领夹麦克风", "夹在衣服上的小话筒。"),
                    ],
                    "easy": [
                        "坐在窗户前面。",
                        "关掉有声音的东西。",
                        "把小话筒夹在衣服上。",
                    ],
                },
                "en": {
                    "title": "Light and sound",
                    "summary": "Use natural light from a window and record somewhere quiet.",
                    "steps": [
                        "Sit facing the window so light falls on your face.",
                        "Turn off fans and the television.",
                        "Use a clip-on microphone when you need sound.",
                    ],
                    "terms": [
                        ("Natural light", "Light from the sun, such as by a window."),
                        (
                            "Clip-on microphone",
                            "A small microphone clipped to clothing.",
                        ),
                    ],
                    "easy": [
                        "Sit in front of the window.",
                        "Turn off noisy things.",
                        "Clip the small microphone to your clothes.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "short-video-editing",
        "base": 11,
        "skill": "short_video",
        "mode": "online",
        "hours": 18,
        "categories": {
            "hearing": (
                "剪辑软件的提示音都有画面提示；课程专门教你给视频加字幕。",
                "Every sound cue in the editing app has a visual cue, and the course teaches you to caption your videos.",
            ),
            "speech": (
                "作业用文字和画面完成，不需要配音；需要旁白时教你用语音合成。",
                "Assignments are done with text and pictures, with no voice-over; where narration helps you learn text-to-speech.",
            ),
            "physical": (
                "所有剪辑操作都有键盘快捷键，可以用开关设备或语音控制电脑。",
                "Every editing action has a keyboard shortcut; switch devices and voice control work too.",
            ),
        },
        "zh": {
            "title": "短视频剪辑",
            "summary": "用免费的剪辑软件把素材剪成一条完整的短视频，并加上字幕。",
            "outcomes": [
                "导入并整理视频素材",
                "剪掉多余部分并排好顺序",
                "给视频加上准确的字幕",
                "按平台要求导出并发布",
            ],
        },
        "en": {
            "title": "Short-video editing",
            "summary": "Edit raw clips into a finished short video with a free editing app, and caption it.",
            "outcomes": [
                "Import and organise video clips",
                "Trim clips and put them in order",
                "Add accurate captions to a video",
                "Export and publish to a platform's requirements",
            ],
        },
        "lessons": [
            {
                "slug": "import-clips",
                "zh": {
                    "title": "导入素材",
                    "summary": "把手机里的视频放进剪辑软件，并按顺序命名。",
                    "steps": [
                        "打开剪辑软件，新建一个项目。",
                        "选择“导入”，找到拍好的视频。",
                        "按镜头顺序给素材改名。",
                    ],
                    "terms": [
                        ("素材", "还没剪辑的原始视频和图片。"),
                        ("项目", "一次剪辑工作的文件。"),
                    ],
                    "easy": ["打开剪辑软件。", "把视频放进去。", "给每段视频起名字。"],
                },
                "en": {
                    "title": "Import your clips",
                    "summary": "Bring the videos from your phone into the editing app and name them in order.",
                    "steps": [
                        "Open the editing app and create a new project.",
                        "Choose Import and find the videos you shot.",
                        "Rename the clips in shot order.",
                    ],
                    "terms": [
                        ("Footage", "Raw video and pictures before editing."),
                        ("Project", "The file that holds one editing job."),
                    ],
                    "easy": [
                        "Open the editing app.",
                        "Put the videos in.",
                        "Give each video a name.",
                    ],
                },
            },
            {
                "slug": "cut-and-order",
                "zh": {
                    "title": "剪切与排序",
                    "summary": "剪掉等待和出错的部分，把镜头排成一个故事。",
                    "steps": [
                        "把素材拖到时间线上，或用快捷键添加。",
                        "在要剪的地方按分割键。",
                        "删除多余片段，检查顺序。",
                    ],
                    "terms": [
                        ("时间线", "按时间排列视频片段的地方。"),
                        ("分割", "把一段视频切成两段。"),
                    ],
                    "easy": [
                        "把视频放到时间线上。",
                        "剪掉不要的地方。",
                        "从头看一遍。",
                    ],
                },
                "en": {
                    "title": "Cut and order",
                    "summary": "Cut out waiting and mistakes, and order the shots into a story.",
                    "steps": [
                        "Add the clips to the timeline with a shortcut key or by dragging.",
                        "Press the split key where you want to cut.",
                        "Delete the extra pieces and check the order.",
                    ],
                    "terms": [
                        ("Timeline", "Where clips are laid out in time order."),
                        ("Split", "Cutting one clip into two."),
                    ],
                    "easy": [
                        "Put the videos on the timeline.",
                        "Cut out the parts you do not want.",
                        "Watch it again from the start.",
                    ],
                },
            },
            {
                "slug": "add-captions",
                "zh": {
                    "title": "添加字幕",
                    "summary": "给视频加上准确、易读的字幕，让听障观众也能看懂。",
                    "steps": [
                        "用自动识别生成字幕初稿。",
                        "逐句检查并改正错字。",
                        "每行不超过十六个字，停留足够时间。",
                    ],
                    "terms": [
                        ("字幕", "把说的话和重要声音写在画面上。"),
                        ("自动识别", "软件把声音变成文字。"),
                    ],
                    "easy": ["让软件先写出字幕。", "一句一句检查。", "改正写错的字。"],
                },
                "en": {
                    "title": "Add captions",
                    "summary": "Add accurate, readable captions so that deaf viewers can follow too.",
                    "steps": [
                        "Generate a first draft with automatic recognition.",
                        "Check each line and correct mistakes.",
                        "Keep lines short and on screen long enough to read.",
                    ],
                    "terms": [
                        ("Captions", "Speech and important sounds written on screen."),
                        ("Speech recognition", "Software that turns speech into text."),
                    ],
                    "easy": [
                        "Let the app write the captions first.",
                        "Check them line by line.",
                        "Fix any wrong words.",
                    ],
                },
            },
            {
                "slug": "export-and-publish",
                "zh": {
                    "title": "导出与发布",
                    "summary": "按平台要求导出视频，写好标题和描述后发布。",
                    "steps": [
                        "选择 1080p 和竖屏比例导出。",
                        "写一个说清内容的标题。",
                        "上传视频和字幕文件，然后发布。",
                    ],
                    "terms": [
                        ("导出", "把项目变成一个视频文件。"),
                        ("分辨率", "画面清楚的程度，比如 1080p。"),
                    ],
                    "easy": ["把视频存成一个文件。", "写一个标题。", "上传并发布。"],
                },
                "en": {
                    "title": "Export and publish",
                    "summary": "Export the video to the platform's requirements, write a title and description, and publish.",
                    "steps": [
                        "Export at 1080p in portrait format.",
                        "Write a title that says what the video is about.",
                        "Upload the video and its caption file, then publish.",
                    ],
                    "terms": [
                        ("Export", "Turning the project into one video file."),
                        ("Resolution", "How sharp the picture is, such as 1080p."),
                    ],
                    "easy": [
                        "Save the video as one file.",
                        "Write a title.",
                        "Upload it and publish it.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "product-selection-and-online-marketing",
        "base": 14,
        "skill": "online_marketing",
        "mode": "online",
        "hours": 20,
        "categories": {
            "visual": (
                "所有数据都有表格形式，读屏软件可以逐格朗读；图表都有文字说明。",
                "All data comes as tables a screen reader can read cell by cell; every chart has a text description.",
            ),
            "physical": (
                "全部在线学习，可以在家按自己的速度完成，不需要外出。",
                "Fully online: learn at home at your own pace, with no travel.",
            ),
            "intellectual": (
                "每课都有易读版，一次只学一件事，配图说明每一步。",
                "Every lesson has an easy-read version; one thing at a time, with a picture for each step.",
            ),
        },
        "zh": {
            "title": "选品与网络营销",
            "summary": "学会挑选好卖的商品、看懂简单的销售数据、写商品标题和做促销。",
            "outcomes": [
                "根据需求和季节挑选商品",
                "读懂浏览量、下单量和转化率",
                "写出清楚、真实的商品标题",
                "策划一次小型促销活动",
            ],
        },
        "en": {
            "title": "Product selection and online marketing",
            "summary": "Choose products that sell, read simple sales data, write product titles and run promotions.",
            "outcomes": [
                "Choose products by demand and season",
                "Read views, orders and conversion rate",
                "Write clear, honest product titles",
                "Plan a small promotion",
            ],
        },
        "lessons": [
            {
                "slug": "what-sells-well",
                "zh": {
                    "title": "什么商品好卖",
                    "summary": "从需求、季节和利润三方面挑选商品。",
                    "steps": [
                        "列出五件你身边人常买的东西。",
                        "查一查它们在什么季节卖得最好。",
                        "算一算每件能赚多少钱。",
                    ],
                    "terms": [
                        ("选品", "决定店里卖什么商品。"),
                        ("需求", "有多少人想买。"),
                    ],
                    "easy": [
                        "想一想大家常买什么。",
                        "看一看什么时候卖得好。",
                        "算一算能赚多少。",
                    ],
                },
                "en": {
                    "title": "What sells well",
                    "summary": "Choose products by demand, season and profit.",
                    "steps": [
                        "List five things people around you often buy.",
                        "Find out in which season they sell best.",
                        "Work out how much you earn on each.",
                    ],
                    "terms": [
                        ("Product selection", "Deciding what your shop sells."),
                        ("Demand", "How many people want to buy something."),
                    ],
                    "easy": [
                        "Think about what people often buy.",
                        "See when it sells well.",
                        "Work out how much you earn.",
                    ],
                },
            },
            {
                "slug": "read-sales-data",
                "zh": {
                    "title": "看懂销售数据",
                    "summary": "从表格里读出浏览量、下单量和转化率。",
                    "steps": [
                        "打开店铺后台的数据表格。",
                        "找到浏览量和下单量两列。",
                        "用下单量除以浏览量，得到转化率。",
                    ],
                    "terms": [
                        ("浏览量", "有多少次有人看了商品。"),
                        ("转化率", "看过的人里，有多少人买了。"),
                    ],
                    "easy": [
                        "看有多少人看过。",
                        "看有多少人买了。",
                        "买的人越多越好。",
                    ],
                },
                "en": {
                    "title": "Read sales data",
                    "summary": "Read views, orders and conversion rate from a table.",
                    "steps": [
                        "Open the data table in your shop system.",
                        "Find the views and orders columns.",
                        "Divide orders by views to get the conversion rate.",
                    ],
                    "terms": [
                        ("Views", "How many times people looked at a product."),
                        (
                            "Conversion rate",
                            "Of the people who looked, how many bought.",
                        ),
                    ],
                    "easy": [
                        "See how many people looked.",
                        "See how many people bought.",
                        "More buyers is better.",
                    ],
                },
            },
            {
                "slug": "write-product-titles",
                "zh": {
                    "title": "写商品标题",
                    "summary": "用真实、具体的词写标题，让顾客一眼看懂。",
                    "steps": [
                        "写上商品名称和规格，比如“500 克”。",
                        "加上一个最重要的特点。",
                        "删掉夸大的词，比如“最好”“第一”。",
                    ],
                    "terms": [
                        ("规格", "商品的大小、重量或数量。"),
                        ("关键词", "顾客搜索时会用的词。"),
                    ],
                    "easy": ["写上它是什么。", "写上有多大或多重。", "不要说假话。"],
                },
                "en": {
                    "title": "Write product titles",
                    "summary": "Use true, specific words so customers understand at a glance.",
                    "steps": [
                        "Give the product name and size, such as 500 g.",
                        "Add the single most important quality.",
                        "Remove exaggerations such as best or number one.",
                    ],
                    "terms": [
                        ("Specification", "A product's size, weight or quantity."),
                        ("Keyword", "A word customers use when they search."),
                    ],
                    "easy": [
                        "Say what it is.",
                        "Say how big or heavy it is.",
                        "Only say true things.",
                    ],
                },
            },
            {
                "slug": "run-a-promotion",
                "zh": {
                    "title": "做一次促销",
                    "summary": "选择促销方式，设定时间，并检查效果。",
                    "steps": [
                        "选择一种方式：满减、赠品或限时折扣。",
                        "定好开始和结束的日期。",
                        "结束后比较促销前后的下单量。",
                    ],
                    "terms": [
                        ("满减", "买够一定金额就少付一些钱。"),
                        ("促销", "用优惠吸引顾客购买。"),
                    ],
                    "easy": ["选一种优惠。", "定好哪天开始。", "看看多卖了多少。"],
                },
                "en": {
                    "title": "Run a promotion",
                    "summary": "Choose a kind of promotion, set the dates and check the results.",
                    "steps": [
                        "Choose one kind: spend-and-save, free gift or time-limited discount.",
                        "Set the start and end dates.",
                        "Afterwards, compare orders before and during the promotion.",
                    ],
                    "terms": [
                        (
                            "Spend-and-save",
                            "Pay less when you spend over a set amount.",
                        ),
                        ("Promotion", "An offer that encourages people to buy."),
                    ],
                    "easy": [
                        "Choose one kind of offer.",
                        "Decide the day it starts.",
                        "See how much more you sold.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "website-maintenance",
        "base": 4,
        "skill": "web_maintenance",
        "mode": "blended",
        "hours": 32,
        "categories": {
            "visual": (
                "全程用读屏软件（如 NVDA、争渡）和键盘操作内容管理系统，课件有大字版和音频版。",
                "The content system is used throughout with a screen reader (such as NVDA) and keyboard; handouts come in large print and audio.",
            ),
            "physical": (
                "只用键盘或开关设备即可完成所有练习，不需要拖拽。",
                "Every exercise can be done by keyboard or switch alone, with no dragging.",
            ),
            "hearing": (
                "讲解视频有字幕和手语，答疑通过文字聊天进行。",
                "Teaching videos have captions and sign language; questions are answered by text chat.",
            ),
        },
        "zh": {
            "title": "网站日常维护",
            "summary": "用内容管理系统更新网站的文字和图片、写替代文字、备份和检查链接。",
            "outcomes": [
                "安全地登录网站后台",
                "更新页面上的文字和图片",
                "为图片写出有用的替代文字",
                "备份网站并找出失效链接",
            ],
        },
        "en": {
            "title": "Everyday website maintenance",
            "summary": "Update a website's text and images in its content system, write alt text, make backups and check links.",
            "outcomes": [
                "Sign in to a website's admin safely",
                "Update text and images on a page",
                "Write useful alt text for images",
                "Back up a site and find broken links",
            ],
        },
        "lessons": [
            {
                "slug": "sign-in-safely",
                "zh": {
                    "title": "安全登录后台",
                    "summary": "用密码管理器登录后台，用完及时退出。",
                    "steps": [
                        "打开网站后台的登录页面。",
                        "用密码管理器填入账号和密码。",
                        "工作结束后，选择“退出登录”。",
                    ],
                    "terms": [
                        ("后台", "管理网站内容的地方，访客看不到。"),
                        ("密码管理器", "帮你记住和填写密码的软件。"),
                    ],
                    "easy": ["打开登录页面。", "让软件帮你填密码。", "用完记得退出。"],
                },
                "en": {
                    "title": "Sign in safely",
                    "summary": "Sign in to the admin with a password manager and sign out when you finish.",
                    "steps": [
                        "Open the admin sign-in page.",
                        "Let the password manager fill in your email and password.",
                        "When you finish, choose Sign out.",
                    ],
                    "terms": [
                        (
                            "Admin",
                            "Where site content is managed; visitors cannot see it.",
                        ),
                        (
                            "Password manager",
                            "Software that remembers and fills in passwords.",
                        ),
                    ],
                    "easy": [
                        "Open the sign-in page.",
                        "Let the app fill in your password.",
                        "Sign out when you finish.",
                    ],
                },
            },
            {
                "slug": "update-text-and-images",
                "zh": {
                    "title": "更新文字和图片",
                    "summary": "找到要改的页面，修改内容，先预览再发布。",
                    "steps": [
                        "在页面列表里搜索页面标题。",
                        "修改文字或替换图片。",
                        "先预览，确认没问题再发布。",
                    ],
                    "terms": [
                        ("预览", "发布前先看看页面的样子。"),
                        ("发布", "让所有人都能看到修改。"),
                    ],
                    "easy": ["找到要改的页面。", "改好文字。", "先看一看，再发布。"],
                },
                "en": {
                    "title": "Update text and images",
                    "summary": "Find the page, change the content, preview, then publish.",
                    "steps": [
                        "Search the page list for the page title.",
                        "Change the text or replace the image.",
                        "Preview first, and publish when it looks right.",
                    ],
                    "terms": [
                        ("Preview", "Seeing how a page will look before publishing."),
                        ("Publish", "Making your changes visible to everyone."),
                    ],
                    "easy": [
                        "Find the page to change.",
                        "Change the words.",
                        "Look at it, then publish.",
                    ],
                },
            },
            {
                "slug": "write-alt-text",
                "zh": {
                    "title": "写替代文字",
                    "summary": "为看不见图片的人写出图片在这里的意思。",
                    "steps": [
                        "想一想：这张图片在这里要告诉读者什么？",
                        "用一句话写出来，不写“图片”两个字。",
                        "只起装饰作用的图片，标记为“装饰性”。",
                    ],
                    "terms": [
                        ("替代文字", "读屏软件读出的图片说明。"),
                        ("装饰性图片", "不带信息、只为好看的图片。"),
                    ],
                    "easy": [
                        "想一想图片在说什么。",
                        "用一句话写下来。",
                        "只为好看的图片不用写。",
                    ],
                },
                "en": {
                    "title": "Write alt text",
                    "summary": "Write what an image means here, for people who cannot see it.",
                    "steps": [
                        "Ask: what does this image tell the reader here?",
                        "Write it in one sentence, without the words image of.",
                        "Mark images that are only decoration as decorative.",
                    ],
                    "terms": [
                        (
                            "Alt text",
                            "The description of an image a screen reader reads out.",
                        ),
                        (
                            "Decorative image",
                            "An image with no information, only for looks.",
                        ),
                    ],
                    "easy": [
                        "Think about what the picture says.",
                        "Write it in one sentence.",
                        "Pictures only for looks need no words.",
                    ],
                },
            },
            {
                "slug": "backups-and-link-checks",
                "zh": {
                    "title": "备份与检查链接",
                    "summary": "每周备份一次，并找出打不开的链接。",
                    "steps": [
                        "在后台选择“备份”，保存到指定文件夹。",
                        "运行链接检查工具。",
                        "修改或删除打不开的链接。",
                    ],
                    "terms": [
                        ("备份", "保存一份网站的副本，出问题时可以恢复。"),
                        ("失效链接", "点了以后打不开的链接。"),
                    ],
                    "easy": ["每周存一份网站。", "找出打不开的链接。", "把它们改好。"],
                },
                "en": {
                    "title": "Backups and link checks",
                    "summary": "Back up once a week and find links that do not work.",
                    "steps": [
                        "Choose Backup in the admin and save to the agreed folder.",
                        "Run the link checker.",
                        "Fix or remove links that do not work.",
                    ],
                    "terms": [
                        (
                            "Backup",
                            "A saved copy of the site to restore if something goes wrong.",
                        ),
                        ("Broken link", "A link that does not open anything."),
                    ],
                    "easy": [
                        "Save a copy of the site every week.",
                        "Find links that do not work.",
                        "Fix them.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "product-inspection",
        "base": 5,
        "skill": "product_inspection",
        "mode": "on_site",
        "hours": 40,
        "categories": {
            "hearing": (
                "车间里的提醒都用灯光和振动手环；讲解有手语翻译。",
                "Workshop alerts use lights and vibrating wristbands; teaching has sign language interpreting.",
            ),
            "intellectual": (
                "每个检验步骤都有图片卡片，一次只练一种缺陷，反复练习直到熟练。",
                "Every inspection step has a picture card; you practise one kind of defect at a time until you are confident.",
            ),
            "psychosocial": (
                "工作节奏固定、环境安静，可以随时和带教老师沟通、休息。",
                "A steady pace in a quiet area; you can talk to your mentor or take a break at any time.",
            ),
            "speech": (
                "记录和汇报都用表格和勾选，不需要口头汇报。",
                "Recording and reporting use forms and tick boxes; nothing needs to be said aloud.",
            ),
        },
        "zh": {
            "title": "产品外观质检",
            "summary": "对照标准样品检查产品外观，记录缺陷，安全地完成每一天的质检工作。",
            "outcomes": [
                "说出质检员一天的工作流程",
                "对照标准样品判断合格与不合格",
                "用表格准确记录缺陷",
                "遵守车间安全规定并合理休息",
            ],
        },
        "en": {
            "title": "Product visual inspection",
            "summary": "Check products against a reference sample, record defects and work safely through an inspector's day.",
            "outcomes": [
                "Describe an inspector's working day",
                "Judge pass or fail against a reference sample",
                "Record defects accurately on a form",
                "Follow workshop safety rules and take proper breaks",
            ],
        },
        "lessons": [
            {
                "slug": "an-inspectors-day",
                "zh": {
                    "title": "质检员的一天",
                    "summary": "了解上班、检验、记录和交接的顺序。",
                    "steps": [
                        "上班后换好工作服，领取当天的任务单。",
                        "按任务单逐件检验产品。",
                        "下班前交接记录表。",
                    ],
                    "terms": [
                        ("任务单", "写着今天要检验什么的单子。"),
                        ("交接", "把工作和记录交给下一个人。"),
                    ],
                    "easy": [
                        "先换好工作服。",
                        "拿到今天的任务单。",
                        "下班前交记录表。",
                    ],
                },
                "en": {
                    "title": "An inspector's day",
                    "summary": "Learn the order of arriving, inspecting, recording and handing over.",
                    "steps": [
                        "On arrival, put on work clothes and collect the day's task sheet.",
                        "Inspect the products one by one as the sheet says.",
                        "Hand over the record sheet before you leave.",
                    ],
                    "terms": [
                        ("Task sheet", "The sheet saying what to inspect today."),
                        (
                            "Handover",
                            "Passing your work and records to the next person.",
                        ),
                    ],
                    "easy": [
                        "Put on your work clothes first.",
                        "Get today's task sheet.",
                        "Hand in the record sheet before you go.",
                    ],
                },
            },
            {
                "slug": "compare-with-the-sample",
                "zh": {
                    "title": "对照标准样品",
                    "summary": "把产品和标准样品放在一起，比较颜色、形状和表面。",
                    "steps": [
                        "把标准样品放在检验台左边。",
                        "把要检验的产品放在右边。",
                        "依次比较颜色、形状和表面有没有划痕。",
                    ],
                    "terms": [
                        ("标准样品", "合格产品的样子，用来比较。"),
                        ("划痕", "表面被划出的线。"),
                    ],
                    "easy": [
                        "左边放标准样品。",
                        "右边放要检查的产品。",
                        "看看哪里不一样。",
                    ],
                },
                "en": {
                    "title": "Compare with the reference sample",
                    "summary": "Put the product beside the reference sample and compare colour, shape and surface.",
                    "steps": [
                        "Place the reference sample on the left of the bench.",
                        "Place the product to inspect on the right.",
                        "Compare colour, then shape, then look for scratches.",
                    ],
                    "terms": [
                        (
                            "Reference sample",
                            "A product that passes, used for comparison.",
                        ),
                        ("Scratch", "A line cut into the surface."),
                    ],
                    "easy": [
                        "The good sample goes on the left.",
                        "The product to check goes on the right.",
                        "Look for what is different.",
                    ],
                },
            },
            {
                "slug": "record-defects",
                "zh": {
                    "title": "记录缺陷",
                    "summary": "在记录表上勾选缺陷种类，并贴上不合格标签。",
                    "steps": [
                        "在记录表上找到产品编号。",
                        "勾选缺陷种类：划痕、缺角或色差。",
                        "给不合格产品贴上红色标签，放进不合格箱。",
                    ],
                    "terms": [
                        ("缺陷", "产品上不该有的问题。"),
                        ("色差", "颜色和标准样品不一样。"),
                    ],
                    "easy": ["找到产品的号码。", "在表上打勾。", "坏的产品贴红标签。"],
                },
                "en": {
                    "title": "Record defects",
                    "summary": "Tick the kind of defect on the record sheet and label failed products.",
                    "steps": [
                        "Find the product number on the record sheet.",
                        "Tick the defect: scratch, chipped corner or colour difference.",
                        "Put a red label on failed products and place them in the reject box.",
                    ],
                    "terms": [
                        ("Defect", "A problem a product should not have."),
                        (
                            "Colour difference",
                            "A colour that does not match the sample.",
                        ),
                    ],
                    "easy": [
                        "Find the product number.",
                        "Tick the box on the sheet.",
                        "Put a red label on bad products.",
                    ],
                },
            },
            {
                "slug": "safety-and-breaks",
                "zh": {
                    "title": "安全与休息",
                    "summary": "正确使用防护用品，按时休息，保护眼睛和身体。",
                    "steps": [
                        "检验前戴好手套和防护眼镜。",
                        "每工作五十分钟，休息十分钟。",
                        "身体不舒服时，马上告诉带教老师。",
                    ],
                    "terms": [
                        ("防护用品", "保护身体的手套、眼镜等。"),
                        ("带教老师", "在车间帮助你的老师傅。"),
                    ],
                    "easy": [
                        "戴好手套和眼镜。",
                        "做一会儿就休息。",
                        "不舒服就告诉老师。",
                    ],
                },
                "en": {
                    "title": "Safety and breaks",
                    "summary": "Use protective equipment properly and take regular breaks to protect your eyes and body.",
                    "steps": [
                        "Put on gloves and safety glasses before inspecting.",
                        "Take a ten-minute break after every fifty minutes.",
                        "Tell your mentor straight away if you feel unwell.",
                    ],
                    "terms": [
                        (
                            "Protective equipment",
                            "Gloves, glasses and other things that keep you safe.",
                        ),
                        (
                            "Mentor",
                            "The experienced worker who helps you in the workshop.",
                        ),
                    ],
                    "easy": [
                        "Wear gloves and glasses.",
                        "Take breaks often.",
                        "Tell your mentor if you feel unwell.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "customer-service-by-text-chat",
        "base": 6,
        "skill": "customer_service",
        "mode": "online",
        "hours": 24,
        "categories": {
            "visual": (
                "客服软件经过读屏软件测试；练习中的截图都有文字说明。",
                "The chat software is tested with screen readers, and every screenshot in the exercises has a text description.",
            ),
            "hearing": (
                "这份工作全部用文字完成，不需要接听电话。",
                "The whole job is done in writing; no phone calls.",
            ),
            "speech": (
                "不需要说话：问候、解答和投诉处理都用文字。",
                "No speaking needed: greeting, answering and complaints are all handled in writing.",
            ),
            "physical": (
                "快捷回复减少打字量；支持键盘、开关和语音输入。",
                "Saved replies cut down typing; keyboard, switch and voice input all work.",
            ),
        },
        "zh": {
            "title": "文字客服",
            "summary": "用文字聊天为网店顾客解答问题、处理投诉并做好记录。",
            "outcomes": [
                "礼貌地问候顾客并确认问题",
                "使用快捷回复提高效率",
                "冷静地处理投诉",
                "写清楚交接记录",
            ],
        },
        "en": {
            "title": "Customer service by text chat",
            "summary": "Answer online shop customers by text chat, handle complaints and keep good notes.",
            "outcomes": [
                "Greet customers politely and confirm their question",
                "Use saved replies to work efficiently",
                "Handle complaints calmly",
                "Write clear handover notes",
            ],
        },
        "lessons": [
            {
                "slug": "greet-and-understand",
                "zh": {
                    "title": "问候与确认问题",
                    "summary": "用固定的问候语开头，再用一句话确认顾客的问题。",
                    "steps": [
                        "发送问候语：“您好，我是客服小李。”",
                        "读完顾客的留言。",
                        "用一句话重复问题，请顾客确认。",
                    ],
                    "terms": [
                        ("问候语", "和顾客打招呼的第一句话。"),
                        ("确认", "问清楚，确保理解对了。"),
                    ],
                    "easy": [
                        "先说“您好”。",
                        "读完顾客的话。",
                        "问一问你理解得对不对。",
                    ],
                },
                "en": {
                    "title": "Greet and understand",
                    "summary": "Open with a set greeting, then confirm the customer's question in one sentence.",
                    "steps": [
                        "Send the greeting: Hello, I'm Li from customer service.",
                        "Read the customer's whole message.",
                        "Repeat the question in one sentence and ask the customer to confirm.",
                    ],
                    "terms": [
                        ("Greeting", "The first words you send a customer."),
                        ("Confirm", "Check that you have understood correctly."),
                    ],
                    "easy": [
                        "Say hello first.",
                        "Read everything the customer wrote.",
                        "Ask if you understood right.",
                    ],
                },
            },
            {
                "slug": "saved-replies",
                "zh": {
                    "title": "使用快捷回复",
                    "summary": "为常见问题准备快捷回复，并按顾客情况修改。",
                    "steps": [
                        "列出顾客最常问的十个问题。",
                        "为每个问题写一条回复并保存。",
                        "发送前，把回复改得适合这位顾客。",
                    ],
                    "terms": [
                        ("快捷回复", "提前写好、可以快速发送的回复。"),
                        ("常见问题", "很多顾客都会问的问题。"),
                    ],
                    "easy": [
                        "写下大家常问的问题。",
                        "给每个问题写好回答。",
                        "发之前再看一遍。",
                    ],
                },
                "en": {
                    "title": "Saved replies",
                    "summary": "Prepare saved replies for common questions and adapt them to each customer.",
                    "steps": [
                        "List the ten questions customers ask most.",
                        "Write and save a reply for each one.",
                        "Before sending, adjust the reply to this customer.",
                    ],
                    "terms": [
                        (
                            "Saved reply",
                            "A reply written in advance that you can send quickly.",
                        ),
                        ("Common question", "A question many customers ask."),
                    ],
                    "easy": [
                        "Write down the questions people often ask.",
                        "Write an answer for each one.",
                        "Read it again before you send it.",
                    ],
                },
            },
            {
                "slug": "handle-complaints",
                "zh": {
                    "title": "处理投诉",
                    "summary": "先表示理解，再给出解决办法，做不到的不承诺。",
                    "steps": [
                        "先写：“很抱歉给您带来不便。”",
                        "问清楚发生了什么，需要时请顾客发照片。",
                        "按店铺规则给出退款、换货或补发的办法。",
                    ],
                    "terms": [
                        ("投诉", "顾客对商品或服务不满意。"),
                        ("补发", "再寄一件给顾客。"),
                    ],
                    "easy": [
                        "先说对不起。",
                        "问清楚发生了什么。",
                        "告诉顾客怎么解决。",
                    ],
                },
                "en": {
                    "title": "Handle complaints",
                    "summary": "Show you understand first, then offer a solution; never promise what you cannot do.",
                    "steps": [
                        "Start with: I'm sorry for the trouble.",
                        "Ask what happened, and for a photo if needed.",
                        "Offer a refund, exchange or replacement as the shop's rules allow.",
                    ],
                    "terms": [
                        (
                            "Complaint",
                            "A customer is unhappy with a product or service.",
                        ),
                        ("Replacement", "Sending the customer another item."),
                    ],
                    "easy": [
                        "Say sorry first.",
                        "Ask what happened.",
                        "Tell the customer how you will fix it.",
                    ],
                },
            },
            {
                "slug": "handover-notes",
                "zh": {
                    "title": "交接与记录",
                    "summary": "下班前把没处理完的问题写清楚，交给下一班同事。",
                    "steps": [
                        "在记录表里写下顾客的订单号。",
                        "写清楚问题和已经做了什么。",
                        "写下还需要做什么，以及约定的时间。",
                    ],
                    "terms": [
                        ("订单号", "每个订单独有的号码。"),
                        ("交接记录", "留给下一班同事的说明。"),
                    ],
                    "easy": ["写下订单号。", "写下出了什么问题。", "写下还要做什么。"],
                },
                "en": {
                    "title": "Handover notes",
                    "summary": "Before you finish, write up open questions clearly for the next shift.",
                    "steps": [
                        "Write the customer's order number in the log.",
                        "Describe the problem and what has been done.",
                        "Write what still needs doing and any time agreed.",
                    ],
                    "terms": [
                        ("Order number", "The number that belongs to one order."),
                        ("Handover note", "A note left for the next shift."),
                    ],
                    "easy": [
                        "Write the order number.",
                        "Write what went wrong.",
                        "Write what still needs doing.",
                    ],
                },
            },
        ],
    },
    {
        "slug": "business-startup-basics",
        "base": 8,
        "skill": "business_startup",
        "mode": "blended",
        "hours": 30,
        "categories": {
            "physical": (
                "孵化基地无障碍设施齐全；办理手续的步骤都可以在网上完成。",
                "The incubation base is fully accessible, and every registration step can be done online.",
            ),
            "visual": (
                "讲解政务网站的读屏操作；表格和政策文件提供可读文本版。",
                "You learn to use government websites with a screen reader; forms and policy documents come as readable text.",
            ),
            "hearing": (
                "讲座有字幕和手语翻译；政策咨询可用文字进行。",
                "Talks have captions and sign language interpreting; policy advice is available in writing.",
            ),
            "intellectual": (
                "每个手续都有易读版清单，导师一对一陪同办理。",
                "Every procedure has an easy-read checklist, and a mentor goes through it with you one-to-one.",
            ),
            "multiple": (
                "按个人情况制定创业计划，可以由家人或助理陪同学习。",
                "The business plan is shaped around each person, and a family member or assistant may come along.",
            ),
        },
        "zh": {
            "title": "创业基础：注册、税务与法律",
            "summary": "为残疾人创业者讲清楚经营形式、营业执照、税务优惠和合同常识。",
            "outcomes": [
                "为自己的生意选择合适的经营形式",
                "在网上办理营业执照",
                "了解纳税基本知识和残疾人税收优惠",
                "看懂简单合同，保护自己和顾客的权益",
            ],
        },
        "en": {
            "title": "Starting a business: registration, tax and legal basics",
            "summary": "Business forms, registration, tax relief and contract basics, explained for entrepreneurs with disabilities.",
            "outcomes": [
                "Choose a suitable form for your business",
                "Register a business online",
                "Understand basic tax duties and disability tax relief",
                "Read simple contracts and protect your and your customers' rights",
            ],
        },
        "lessons": [
            {
                "slug": "choose-a-business-form",
                "zh": {
                    "title": "选择经营形式",
                    "summary": "比较个体工商户和有限责任公司，选出适合你的一种。",
                    "steps": [
                        "写下你的生意规模和打算请几个人。",
                        "比较个体工商户和公司的责任和手续。",
                        "和导师讨论，做出选择。",
                    ],
                    "terms": [
                        ("个体工商户", "个人经营的小生意，手续简单。"),
                        ("有限责任公司", "公司承担责任，手续多一些。"),
                    ],
                    "easy": [
                        "想一想生意有多大。",
                        "小生意可以做个体户。",
                        "和导师一起决定。",
                    ],
                },
                "en": {
                    "title": "Choose a business form",
                    "summary": "Compare a sole trader business with a limited company and choose the one that suits you.",
                    "steps": [
                        "Write down how big your business is and how many people you will hire.",
                        "Compare the responsibilities and paperwork of each form.",
                        "Talk it through with your mentor and decide.",
                    ],
                    "terms": [
                        (
                            "Sole trader",
                            "A small business run by one person, with simple paperwork.",
                        ),
                        (
                            "Limited company",
                            "A company that carries its own liability, with more paperwork.",
                        ),
                    ],
                    "easy": [
                        "Think about how big your business is.",
                        "A small business can be a sole trader.",
                        "Decide together with your mentor.",
                    ],
                },
            },
            {
                "slug": "register-your-business",
                "zh": {
                    "title": "办理营业执照",
                    "summary": "在政务服务网上提交材料，领取营业执照。",
                    "steps": [
                        "准备身份证、经营场所证明和名称。",
                        "在政务服务网填写申请并上传材料。",
                        "审核通过后，领取电子营业执照。",
                    ],
                    "terms": [
                        ("营业执照", "允许你合法经营的证件。"),
                        ("经营场所", "你做生意的地方。"),
                    ],
                    "easy": ["准备好身份证。", "在网上填表。", "拿到营业执照。"],
                },
                "en": {
                    "title": "Register your business",
                    "summary": "Submit your documents on the government services website and get your business licence.",
                    "steps": [
                        "Prepare your ID card, proof of premises and a business name.",
                        "Fill in the application online and upload the documents.",
                        "When it is approved, download your electronic business licence.",
                    ],
                    "terms": [
                        (
                            "Business licence",
                            "The document that lets you trade legally.",
                        ),
                        ("Premises", "The place where you do business."),
                    ],
                    "easy": [
                        "Get your ID card ready.",
                        "Fill in the form online.",
                        "Get your business licence.",
                    ],
                },
            },
            {
                "slug": "tax-basics-and-relief",
                "zh": {
                    "title": "纳税基础与残疾人优惠",
                    "summary": "了解要交哪些税、怎么申报，以及残疾人创业可以享受的优惠。",
                    "steps": [
                        "在电子税务局登记你的营业执照。",
                        "每月或每季度按时申报，没有收入也要申报。",
                        "带上残疾人证，向税务局申请减免。",
                    ],
                    "terms": [
                        ("申报", "告诉税务局你赚了多少钱。"),
                        ("减免", "按政策少交或不交税。"),
                    ],
                    "easy": [
                        "按时告诉税务局收入。",
                        "没有收入也要说。",
                        "残疾人可以少交税。",
                    ],
                },
                "en": {
                    "title": "Tax basics and disability relief",
                    "summary": "Learn which taxes apply, how to file, and the relief entrepreneurs with disabilities can claim.",
                    "steps": [
                        "Register your business licence with the online tax office.",
                        "File monthly or quarterly on time, even with no income.",
                        "Apply for relief at the tax office with your disability certificate.",
                    ],
                    "terms": [
                        ("Filing", "Telling the tax office how much you earned."),
                        ("Tax relief", "Paying less or no tax under a policy."),
                    ],
                    "easy": [
                        "Tell the tax office your income on time.",
                        "Tell them even if you earned nothing.",
                        "Disabled people can pay less tax.",
                    ],
                },
            },
            {
                "slug": "contracts-and-consumer-rights",
                "zh": {
                    "title": "合同与消费者权益",
                    "summary": "看懂合同里的关键条款，尊重顾客七天无理由退货的权利。",
                    "steps": [
                        "签合同前，找到价格、期限和违约责任三项。",
                        "有不懂的地方，请导师或法律援助帮忙。",
                        "网店要支持七天无理由退货。",
                    ],
                    "terms": [
                        ("违约责任", "一方没做到约定时要承担的后果。"),
                        ("法律援助", "免费的法律帮助。"),
                    ],
                    "easy": [
                        "签字前看清价格。",
                        "不懂就问别人。",
                        "顾客七天内可以退货。",
                    ],
                },
                "en": {
                    "title": "Contracts and consumer rights",
                    "summary": "Read the key terms of a contract and respect customers' seven-day no-reason return right.",
                    "steps": [
                        "Before signing, find the price, the term and the breach clause.",
                        "Ask your mentor or legal aid about anything unclear.",
                        "An online shop must accept returns within seven days without a reason.",
                    ],
                    "terms": [
                        (
                            "Breach clause",
                            "What happens if one side does not keep the agreement.",
                        ),
                        ("Legal aid", "Free help with the law."),
                    ],
                    "easy": [
                        "Check the price before you sign.",
                        "Ask someone if you do not understand.",
                        "Customers can return things within seven days.",
                    ],
                },
            },
        ],
    },
]
